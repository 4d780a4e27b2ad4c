import { html, nothing, type TemplateResult } from 'lit';
import type { ViewContext } from './view-context.js';

/** What the header says about sending usages to Kaikukanta. */
export type SyncStatus = {
  readonly online: boolean;
  /** A Kaikukanta API (base-url or injected services) is configured: without one nothing is ever sent. */
  readonly configured: boolean;
  readonly pending: number;
  readonly needsAttention: number;
  /** The last sync stopped on the terminal's sign-in (`http-401`, `http-403`). */
  readonly authFailure: string | undefined;
};

/**
 * Offline badge, sign-in failure, usages waiting to be sent (with "send now"), usages needing attention, or
 * "everything sent" — green only when that is true: an API is configured, its sign-in works, nothing waits and
 * nothing needs attention.
 */
export function renderSyncStatus(
  { t, fmt }: ViewContext,
  s: SyncStatus,
  onSyncNow: () => void,
): TemplateResult {
  const badge = (tone: string, kind: string, text: string): TemplateResult =>
    html`<span class="badge ${tone}" data-sync=${kind}>${text}</span>`;
  const { pending, needsAttention: attention } = s;
  return html`<div part="sync-status" class="row" data-pending=${pending}>
    ${s.online ? nothing : badge('danger', 'offline', t.offline)}
    ${s.configured ? nothing : badge('danger', 'not-configured', t.notConfigured)}
    ${s.authFailure ? badge('danger', 'auth', t.signInFailed) : nothing}
    ${pending ? badge('warn', 'pending', t.pending(fmt.number(pending))) : nothing}
    ${pending ? html`<button type="button" @click=${onSyncNow}>${t.syncNow}</button>` : nothing}
    ${attention ? badge('warn', 'attention', t.needsAttentionHeading(fmt.number(attention))) : nothing}
    ${s.configured && !s.authFailure && !pending && !attention ? badge('ok', 'all-sent', t.pendingNone) : nothing}
  </div>`;
}
