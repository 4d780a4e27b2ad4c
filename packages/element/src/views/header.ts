import { html, nothing, type TemplateResult } from 'lit';
import type { CapState, Reason, ShowContext, StorageHealth, UsageMode } from '../services/types.js';
import type { ViewContext } from './view-context.js';
import { renderSyncStatus } from './sync-status.js';
import type { SyncFacts } from '../flow/sync-state.js';
import { renderMode, renderShow } from './show-context.js';
import { renderCapMeter } from './cap-meter.js';
import { elementText, lateText } from '../messages/index.js';

export type HeaderModel = {
  /** Online, configured, pending, needs attention, sign-in failure: what the sync status says. */
  readonly sync: SyncFacts;
  /** The API is plain http by the host's `allow-insecure-http` opt-in: staff see it. */
  readonly insecure: boolean;
  /**
   * Storage that cannot keep usages, may lose them, or lost some: said before the first sale. The sync state's
   * facts: the storage's health (unset: ok), usages lost with cleared storage, usages waiting.
   */
  readonly storage: { readonly storage?: StorageHealth; readonly lost?: number; readonly pending: number };
  readonly onAcknowledgeLoss: () => void;
  /** Degraded camera decoding (main thread, weaker decoder): said calmly for as long as the page lives. */
  readonly cameraNotices: readonly Reason[];
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
    ${renderStorageNotice(v, m)}
    ${m.cameraNotices.map(
      (n) =>
        html`<p part="camera-notice" class="notice warn" role="status" data-code=${n.code}>
          ${v.text(n.message)}
        </p>`,
    )}
    ${
      m.loadFailed
        ? html`<p part="load-notice" class="notice warn" role="alert">
            ${v.text(elementText('language-load-failed'))}
          </p>`
        : nothing
    }
    <div class="context">
      ${renderShow(v, m.show, m.shows, m.onShowChange)} ${renderMode(v, m.mode, m.onModeChange)}
      ${m.show ? renderCapMeter(v, m.cap) : nothing}
    </div>
  `;
}

/**
 * The `storage-notice` part: storage blocked (`data-storage="unavailable"`/`"unwritable"`, an alert: online only),
 * usages lost with cleared storage (until staff acknowledge it), or storage the browser may clear while usages wait.
 */
function renderStorageNotice(v: ViewContext, m: HeaderModel): TemplateResult | typeof nothing {
  const { storage: health = 'ok', lost = 0, pending } = m.storage;
  const blocked = health === 'unavailable' || health === 'unwritable';
  // Their texts load with the services, which found the storage's health (the host re-renders once they load).
  const lines = [
    ...(blocked ? [lateText('storage-blocked')] : []),
    ...(health === 'not-persisted' && pending > 0 ? [lateText('storage-not-persisted')] : []),
  ];
  if (lines.length === 0 && lost === 0) return nothing;
  const evicted = lateText('storage-evicted', { n: lost });
  return html`<div
    part="storage-notice"
    class="notice ${blocked || lost ? 'danger' : 'warn'}"
    role=${blocked || lost ? 'alert' : 'note'}
    data-storage=${health}
    data-lost=${lost}
  >
    ${lines.map((l) => (l ? html`<p>${v.text(l)}</p>` : nothing))}
    ${
      lost > 0
        ? html`<p>
            ${evicted ? v.text(evicted) : nothing}
            <button type="button" @click=${m.onAcknowledgeLoss}>${v.t.resolveShort}</button>
          </p>`
        : nothing
    }
  </div>`;
}
