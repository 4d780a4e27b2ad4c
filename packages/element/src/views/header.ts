import { html, nothing, type TemplateResult } from 'lit';
import type { CapState, ShowContext, UsageMode } from '../services/types.js';
import type { ViewContext } from './view-context.js';
import { renderSyncStatus } from './sync-status.js';
import type { SyncFacts } from '../flow/sync-state.js';
import { renderMode, renderShow } from './show-context.js';
import { renderCapMeter } from './cap-meter.js';
import { elementText } from '../messages/index.js';

export type HeaderModel = {
  /** Online, configured, pending, needs attention, sign-in failure: what the sync status says. */
  readonly sync: SyncFacts;
  /** The API is plain http by the host's `allow-insecure-http` opt-in: staff see it. */
  readonly insecure: boolean;
  /** The strings of the language asked for could not be fetched (Finnish meanwhile). */
  readonly loadFailed: boolean;
  readonly show: ShowContext | undefined;
  readonly shows: readonly ShowContext[];
  readonly mode: UsageMode;
  readonly cap: CapState | undefined;
  readonly onSyncNow: () => void;
  readonly onShowChange: (e: Event) => void;
  readonly onModeChange: (e: Event) => void;
};

/** Title and sync status; the insecure-connection notice; the show, the mode and the cap meter. */
export function renderHeader(v: ViewContext, m: HeaderModel): TemplateResult {
  return html`
    <div part="header" class="header">
      <h2 id="title">${v.t.title}</h2>
      ${renderSyncStatus(v, m.sync, m.onSyncNow)}
    </div>
    ${
      m.insecure
        ? html`<p part="insecure-notice" class="notice warn" role="note">${v.t.insecureConnection}</p>`
        : nothing
    }
    ${
      m.loadFailed
        ? html`<p part="load-notice" class="notice warn" role="alert">
            ${v.text(elementText('element-load-failed'))}
          </p>`
        : nothing
    }
    <div class="context">
      ${renderShow(v, m.show, m.shows, m.onShowChange)} ${renderMode(v, m.mode, m.onModeChange)}
      ${m.show ? renderCapMeter(v, m.cap) : nothing}
    </div>
  `;
}
