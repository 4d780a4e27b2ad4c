import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './view-context.js';
import { syncBadges, type SyncBadge, type SyncFacts } from '../flow/sync-state.js';

/** The sync status: what `syncBadges` says, each badge with its `data-sync` (docs/element.md lists them all). */
export function renderSyncStatus(
  { t, fmt }: ViewContext,
  s: SyncFacts,
  onSyncNow: () => void,
): TemplateResult {
  const text = (b: SyncBadge): string =>
    ({
      'not-configured': t.notConfigured,
      offline: t.offline,
      unreachable: t.unreachable,
      unknown: t.connectionUnknown,
      auth: t.signInFailed,
      'no-storage': t.noStorage,
      pending: t.pending(fmt.number(s.pending)),
      attention: t.needsAttentionHeading(fmt.number(s.needsAttention)),
      'all-sent': t.pendingNone,
    })[b.kind];
  return html`<div part="sync-status" class="row" data-pending=${s.pending}>
    ${syncBadges(s).map(
      (b) =>
        html`<span class="badge ${b.tone}" data-sync=${b.kind}>${text(b)}</span> ${
            // Offline nothing can be sent: the usages go on their own when the network is back.
            b.kind === 'pending' && s.online
              ? html`<button type="button" @click=${onSyncNow}>${t.syncNow}</button>`
              : nothing
          }`,
    )}
  </div>`;
}
