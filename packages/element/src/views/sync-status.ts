import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './view-context.js';

/** Offline badge, usages waiting to be sent (with "send now"), or "everything sent". */
export function renderSyncStatus(
  { t, fmt }: ViewContext,
  online: boolean,
  pending: number,
  onSyncNow: () => void,
): TemplateResult {
  return html`<div part="sync-status" class="row">
    ${online ? nothing : html`<span class="badge danger">${t.offline}</span>`}
    ${
      pending > 0
        ? html`<span class="badge warn" data-pending=${pending}>${t.pending(fmt.number(pending))}</span>
            <button type="button" @click=${onSyncNow}>${t.syncNow}</button>`
        : html`<span class="badge ok" data-pending="0">${t.pendingNone}</span>`
    }
  </div>`;
}
