import { html, nothing, type TemplateResult } from 'lit';
import type { CapState, Reason, ShowContext, StorageHealth, UsageMode } from '../services/types.js';
import type { ViewContext } from './view-context.js';
import { storageDown, syncBadges, type SyncBadge, type SyncFacts } from '../flow/sync.js';
import { elementText, registerText } from '../messages/index.js';

export type HeaderModel = {
  /** Online, configured, pending, needs attention, sign-in failure: what the sync status says. */
  readonly sync: SyncFacts;
  /** The API is plain http by the host's `allow-insecure-http` opt-in: staff see it. */
  readonly insecure: boolean;
  /**
   * Storage that cannot keep usages, may lose them, or lost some: said before the first sale. The sync state's
   * facts: the storage's health (unset: ok), usages lost with cleared storage, usages waiting.
   */
  readonly storage: {
    readonly storage?: StorageHealth;
    readonly lost?: number;
    readonly pending: number;
    readonly register?: { readonly open: number };
  };
  readonly onAcknowledgeLoss: () => void;
  /** Degraded camera decoding (main thread, weaker decoder): said calmly for as long as the page lives. */
  readonly cameraNotices: readonly Reason[];
  /** The strings of the language asked for could not be fetched (Finnish meanwhile). */
  readonly loadFailed: boolean;
  readonly show: ShowContext | undefined;
  readonly shows: readonly ShowContext[];
  readonly mode: UsageMode;
  readonly cap: CapState | undefined;
  /** registry="none": no sync status, the register's badge instead. */
  readonly register?: boolean;
  readonly onSyncNow: () => void;
  readonly onShowChange: (e: Event) => void;
  readonly onModeChange: (e: Event) => void;
};

/** Title and sync status; the insecure-connection notice; the show, the mode and the cap meter. */
export function renderHeader(v: ViewContext, m: HeaderModel): TemplateResult {
  return html`
    <div part="header" class="header">
      <h2 id="title">${v.t.title}</h2>
      ${
        m.register
          ? html`<div part="sync-status" class="row">
              <span class="badge warn" data-sync="register">${registerText(v.text, (r) => r.badge)}</span>
            </div>`
          : renderSyncStatus(v, m.sync, m.onSyncNow)
      }
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
      ${renderShow(v, m)} ${renderMode(v, m.mode, m.onModeChange)}
      ${m.show ? renderCapMeter(v, m.cap) : nothing}
    </div>
  `;
}

/**
 * The `storage-notice` part: storage blocked (`data-storage="unavailable"`/`"unwritable"`, an alert: online only),
 * usages lost with cleared storage (until staff acknowledge it), or storage the browser may clear while usages wait.
 */
function renderStorageNotice(v: ViewContext, m: HeaderModel): TemplateResult | typeof nothing {
  const { storage: health = 'ok', lost = 0, pending, register } = m.storage;
  const blocked = storageDown(health);
  // Without an API the usages are only on this device: its own words (the advice differs).
  const mode = m.register ? '-register' : '';
  // Their texts load with the services, which found the storage's health (the host re-renders once they load).
  const lines = [
    ...(blocked ? [v.late('storage-blocked')] : []),
    ...(health === 'not-persisted' && pending + (register?.open ?? 0) > 0
      ? [v.late(`storage-not-persisted${mode}`)]
      : []),
  ];
  if (lines.length === 0 && lost === 0) return nothing;
  const evicted = v.late(`storage-evicted${mode}`, { n: lost });
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

/** The sync status: what `syncBadges` says, each badge with its `data-sync` (docs/element.md lists them all). */
function renderSyncStatus(v: ViewContext, s: SyncFacts, onSyncNow: () => void): TemplateResult {
  const { t, fmt } = v;
  const unsent = s.unsent ?? [];
  const kept = unsent.reduce((n, u) => n + u.open, 0);
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
      unsent: registerText(v.text, (r) =>
        r.unsent(kept, fmt.number(kept), unsent.map((u) => u.terminal).join(', ')),
      ),
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

/** The show tickets are given for: its name, kind and start, or a chooser when the host passes a list. */
function renderShow({ t, fmt }: ViewContext, { show, shows, onShowChange }: HeaderModel): TemplateResult {
  const kind = (s: ShowContext): string => (s.kind === 'course' ? t.kindCourse : t.kindEvent);
  const summary = show
    ? html`<p class="show-name">${show.name}</p>
        <p class="muted">${kind(show)} · ${t.showStarts(fmt.dateTime(show.start))}</p>`
    : html`<p class="muted">${t.noShow}</p>`;
  if (shows.length === 0) return html`<div part="show" class="field">${summary}</div>`;
  // The time first: a long name is what gets cut, so two showings on one day still differ; the whole text is the
  // option's (and the chooser's) title.
  const label = (s: ShowContext): string => `${fmt.dateTime(s.start)} · ${s.name}`;
  return html`<div part="show" class="field">
    <label for="show-select">${t.chooseShow}</label>
    <select id="show-select" title=${show ? label(show) : ''} @change=${onShowChange}>
      <option value="" ?selected=${!show}>—</option>
      ${shows.map(
        (s) =>
          html`<option value=${s.id} title=${label(s)} ?selected=${s.id === show?.id}>${label(s)}</option>`,
      )}
    </select>
    ${show ? html`<p class="muted">${kind(show)}</p>` : nothing}
  </div>`;
}

function renderMode({ t }: ViewContext, mode: string, onChange: (e: Event) => void): TemplateResult {
  return html`<fieldset>
    <legend>${t.mode}</legend>
    <div class="modes">
      ${(['booking', 'collection'] as const).map(
        (m) =>
          html`<label class="radio"
            ><input type="radio" name="mode" value=${m} .checked=${mode === m} @change=${onChange} />${
              m === 'booking' ? t.modeBooking : t.modeCollection
            }</label
          >`,
      )}
    </div>
  </fieldset>`;
}

/**
 * Tickets given and left for the show. An SVG bar (its width is an attribute, not an inline style, so a
 * `style-src 'self'` policy holds) with role="meter" and a text equivalent.
 */
function renderCapMeter({ t, fmt, text }: ViewContext, cap: CapState | undefined): TemplateResult {
  // Never fetched: say so rather than show this terminal's own usages as the count (or "no cap" as a fact).
  if (!cap || cap.unknown)
    return html`<div part="cap-meter" class="meter" data-known="false">
      <span>${t.capMeterLabel}</span>
      <span class="muted">${t.capUnknown(cap?.cap == null ? undefined : fmt.number(cap.cap))}</span>
    </div>`;
  if (cap.cap === null)
    return html`<div part="cap-meter" class="meter">
      <span class="muted">${t.capNone}</span>
    </div>`;
  const left = Math.max(0, cap.cap - cap.given);
  const pct = cap.cap === 0 ? 100 : Math.min(100, Math.max(0, Math.round((cap.given / cap.cap) * 100)));
  const given = t.capGiven(fmt.number(cap.given), fmt.number(cap.cap));
  return html`<div part="cap-meter" class="meter">
    <span id="cap-label"
      >${t.capMeterLabel}${cap.countedOn ? ` (${registerText(text, (r) => r.countedHere)})` : ''}</span
    >
    <svg
      class="meter-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="meter"
      aria-labelledby="cap-label"
      aria-valuemin="0"
      aria-valuemax=${cap.cap}
      aria-valuenow=${Math.min(cap.given, cap.cap)}
      aria-valuetext=${`${given}, ${t.capLeft(fmt.number(left))}`}
    >
      <rect class="meter-fill ${left === 0 ? 'full' : ''}" width=${pct} height="10"></rect>
    </svg>
    <span>${given} · <strong>${t.capLeft(fmt.number(left))}</strong></span>
  </div>`;
}
