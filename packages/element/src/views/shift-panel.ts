import { css, html, nothing, type TemplateResult } from 'lit';
import { checkVoidWindow } from '@kaiku-scanner/core';
import { countShift, shiftReport, type ShiftCounts, type ShiftUsage } from '@kaiku-scanner/core/outbox';
import { EMPTY_REQUEST } from '../flow/phase.js';
import type { ShiftEntry } from '../flow/step-flow.js';
import type { KaikuScanner } from '../kaiku-scanner.component.js';
import type { ShiftFlow } from '../controllers/lazy-views-controller.js';
import type { CapState, OutboxState, Reason, ShowContext, UsageMode } from '../services/types.js';
import { currentPrefs, savePrefs, type TerminalPrefs } from '../feedback/prefs.js';
import { downloadCsv } from './needs-attention.js';
import { undoText } from './undo.js';
import type { ViewContext } from './view-context.js';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';

/** The Helsinki calendar day of an instant (`2030-03-01`): the panel shows today's shift. */
const dayOf = (at: string | Date): string =>
  new Date(at).toLocaleDateString('sv', { timeZone: 'Europe/Helsinki' });

/** The newest days with usages a log keeps: its usages' own days, never the clock's (a clock set ahead deletes none). */
const KEPT_DAYS = 2;

/** A kept usage as this page wrote it (`masked`); anything else in the storage is left out. */
const isUsage = (u: Partial<Record<keyof ShiftUsage, unknown>>): u is ShiftUsage =>
  [u.id, u.at, u.cardId, u.mode].every((x) => typeof x === 'string') &&
  Object.hasOwn(STATES, u.state as string) &&
  Number.isInteger(u.childTickets) &&
  ['id', 'name', 'start'].every((k) => typeof (u.show as Record<string, unknown>)?.[k] === 'string') &&
  (u.group === undefined || isGroup(u.group));
const isGroup = (g: unknown): boolean => {
  const { memberCardIds: ids, under16Clients: n } = (g ?? {}) as Record<string, unknown>;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') && Number.isInteger(n);
};

/** `local`: no ID from the services, nothing to undo by; `overCap`: taken offline, refused for the cap; `recorded`: in
 * this terminal's register, not in Kaikukanta; `closed`: such a usage in a file or sent (undone in Kaikukanta only). */
type KeptUsage = ShiftUsage & {
  readonly local?: true;
  readonly overCap?: true;
  readonly recorded?: true;
  readonly closed?: true;
};

/**
 * This terminal's shift: usages and refusals as the flow reaches them, undos marked `voided`; `current` lists a day's.
 * Kept in `localStorage` under `key` (none: memory only) with whole card IDs, so the report survives a reload (privacy
 * masks the screen only), for the newest `KEPT_DAYS` days it holds.
 */
export class ShiftLog {
  readonly usages: KeptUsage[] = [];
  /** Why an undo from the list failed, by usage (this page only: the clerk may try again). */
  readonly undoErrors = new Map<string, Reason>();
  constructor(readonly key?: string) {
    try {
      const kept: unknown = JSON.parse((key && globalThis.localStorage.getItem(key)) || '[]');
      if (Array.isArray(kept)) {
        const usages = kept.filter(isUsage);
        const days = [...new Set(usages.map((u) => dayOf(u.at)))].sort().slice(-KEPT_DAYS);
        this.usages.push(...usages.filter((u) => days.includes(dayOf(u.at))));
        if (this.usages.length < kept.length) this.save(); // older days' usages are not kept
      }
    } catch {
      // unreadable or blocked storage: a new shift
    }
  }

  /** Takes down an entry of the flow's (`stepFlow`'s `emit`): a usage, news of one (sent, undone), a refusal. */
  take(entry: ShiftEntry, show: ShowContext | undefined, mode: UsageMode, now: Date): void {
    if (entry.state === 'voided') {
      const u = this.usages.find((x) => x.id === entry.id);
      if (u) this.add({ ...u, state: 'voided' });
      return;
    }
    if (!show) return;
    const r = entry.request ?? EMPTY_REQUEST;
    const group = r.groupCardIds.length + r.under16 > 0;
    this.add({
      at: now.toISOString(),
      mode,
      show: { id: show.id, name: show.name, start: show.start },
      id: entry.id || `shift-${now.getTime()}-${this.usages.length}`,
      // A usage the services gave no ID: nothing to undo it by.
      ...(entry.id || entry.state === 'refused' ? {} : { local: true }),
      state: entry.state,
      cardId: entry.cardId,
      childTickets: r.children,
      ...(group ? { group: { memberCardIds: [...r.groupCardIds], under16Clients: r.under16 } } : {}),
    });
  }

  /** A new usage, or news of one already here (a queued usage sent, an undo; undone is final): one per usage. */
  private add(u: KeptUsage): void {
    const i = this.usages.findIndex((x) => x.id === u.id);
    if (this.usages[i]?.state === 'voided') return;
    this.usages[i < 0 ? this.usages.length : i] = i < 0 ? u : { ...u, at: this.usages[i]!.at };
    this.save();
  }

  private save(): void {
    try {
      if (this.key) globalThis.localStorage.setItem(this.key, JSON.stringify(this.usages));
    } catch {
      // full or blocked storage: this page only
    }
  }

  /** `now`'s day's usages as the outbox knows them (refusals stay, a cap one `overCap`); `register`: the register's. */
  current(box: Pick<OutboxState, 'pendingIds' | 'needsAttention' | 'register'>, now: Date, register = false) {
    const today = (u: KeptUsage): boolean => dayOf(u.at) === dayOf(now);
    const kept = box.register?.usages ?? (register ? [] : undefined);
    if (kept) {
      // registry="none": today's usages are the register's (any tab, before or after a reload); refusals and undos
      // are the log's.
      const ids = new Set(kept.map((u) => u.id));
      const own = this.usages.filter(
        (u) => (u.state === 'refused' || u.state === 'voided') && !ids.has(u.id),
      );
      return [...own, ...kept.map((u) => ({ ...u, recorded: true as const }))]
        .filter(today)
        .sort((a, b) => a.at.localeCompare(b.at));
    }
    const waiting = new Set(box.pendingIds ?? []);
    for (const a of box.needsAttention) {
      const u = this.usages.find((x) => x.id === a.id && x.state === 'queued');
      if (u) this.add({ ...u, state: 'refused', ...(/^cap-/.test(a.reason.code) ? { overCap: true } : {}) });
    }
    return this.usages
      .filter(today)
      .map((u) => (u.state !== 'queued' || waiting.has(u.id) ? u : { ...u, state: 'registered' as const }));
  }
}

/** This API's (or register's), venue and terminal's shift, kept over a reload; with neither, memory only. */
export function shiftOf(
  host: Pick<KaikuScanner, 'baseUrl' | 'venueId' | 'terminalName' | 'registry'>,
  log: ShiftLog | undefined,
): ShiftLog {
  const { baseUrl, venueId, terminalName } = host;
  const target = host.registry === 'none' ? 'registry=none' : baseUrl;
  const key = target ? `kaiku-scanner:shift ${JSON.stringify([target, venueId, terminalName])}` : undefined;
  return log && log.key === key ? log : new ShiftLog(key);
}

/** The panel of `log`: the element's settings, the flow's outbox state and tally, an undo if the services can. */
export function renderShiftOf(
  v: ViewContext,
  log: ShiftLog,
  { host, flow, canUndo, now }: { host: KaikuScanner; flow: ShiftFlow; canUndo: boolean; now: Date },
): TemplateResult {
  return renderShiftPanel(v, {
    usages: log.current(flow.sync.state, now, host.registry === 'none'),
    terminalName: host.terminalName,
    venue: host.venueId,
    locale: host.locale,
    show: host.show,
    cap: flow.capState,
    now,
    // A failed undo is said on its row (the screen on show stays), and reported (`kaiku-error`, stage `void`).
    undo: canUndo
      ? (id) =>
          host.voidUsage(id).then(
            () => log.undoErrors.delete(id),
            async (e) => {
              const error = await flow.errorOf(e);
              log.undoErrors.set(id, error);
              flow.apply({ type: 'error', detail: { code: error.code, stage: 'void' } });
              host.requestUpdate();
            },
          )
      : undefined,
    undoErrors: log.undoErrors,
    undoing: flow.undo?.running === true,
    register: host.registry === 'none',
    changed: () => host.requestUpdate(),
    failed: (e) => flow.sync.act(() => Promise.reject(e)),
  });
}

/** What the panel shows and does. */
export type ShiftModel = {
  readonly usages: readonly KeptUsage[];
  readonly terminalName: string;
  readonly venue: string;
  readonly locale: 'fi' | 'sv' | 'en';
  /** The registry's tally of the show on screen (every terminal), when known. */
  readonly show: ShowContext | undefined;
  readonly cap: CapState | undefined;
  readonly now: Date;
  /** Undoes a usage (`voidUsage`); absent: the services cannot, and none is offered. */
  readonly undo: ((id: string) => Promise<unknown>) | undefined;
  /** Why an undo failed, said on its row. */
  readonly undoErrors: ReadonlyMap<string, Reason>;
  /** An undo is under way. */
  readonly undoing: boolean;
  /** registry="none": usages are kept in this terminal's register, never sent. */
  readonly register?: boolean;
  /** The clerk changed a setting: re-render. */
  readonly changed: () => void;
  readonly failed: (e: unknown) => Promise<void>;
};

/** The counters: what each counts, its label. */
const COLUMNS = [
  ['adults', C.adults],
  ['children', C.children],
  ['groups', C.groups],
  ['refused', C.refused],
  ['queued', C.queuedBadge],
] as const;

/** A usage's state in words. */
const STATES = {
  registered: C.stateRegistered,
  queued: C.stateQueued,
  refused: C.stateRefused,
  voided: C.stateVoided,
} as const;

/** One row of counters (today, a show): label and number pairs that wrap on a narrow screen. */
function counters(v: ViewContext, label: string, c: ShiftCounts, register: boolean): TemplateResult {
  return html`<div class="count-row">
    <h5>${label}</h5>
    <dl>
      ${COLUMNS.filter(([k]) => !register || k !== 'queued').map(
        ([k, l]) =>
          html`<div>
            <dt>${v.text(l)}</dt>
            <dd data-count=${k}>${v.fmt.number(c[k])}</dd>
          </div>`,
      )}
    </dl>
  </div>`;
}

/** Per show, the usages taken offline that Kaikukanta then refused for the cap: "Uni: 2 over the cap, …". */
function overCap(v: ViewContext, usages: readonly KeptUsage[]): TemplateResult[] {
  const shows = new Map<string, number>();
  for (const u of usages) if (u.overCap) shows.set(u.show.name, (shows.get(u.show.name) ?? 0) + 1);
  return [...shows].map(
    ([name, n]) => html`<p data-over-cap>${v.text(fill(C.overCap, name, v.fmt.number(n)))}</p>`,
  );
}

/** Undo for a usage that gave tickets, within the void window (`checkVoidWindow`), named as on the result. */
function renderUndo(v: ViewContext, m: ShiftModel, u: KeptUsage): TemplateResult | typeof nothing {
  const open = checkVoidWindow({ registeredAt: u.at, showStart: u.show.start, now: m.now }).ok;
  if (!m.undo || u.local || u.closed || (u.state !== 'registered' && u.state !== 'queued') || !open)
    return nothing;
  const members = u.group?.memberCardIds ?? [];
  const tickets = { children: u.childTickets, groupCardIds: members, under16: u.group?.under16Clients ?? 0 };
  const undo = m.undo;
  return html`<button type="button" data-undo=${u.id} ?disabled=${m.undoing} @click=${() => void undo(u.id)}>
    ${undoText(v, u.cardId, tickets)}
  </button>`;
}

function undoError(v: ViewContext, e: Reason | undefined): TemplateResult | typeof nothing {
  return e
    ? html`<p class="notice warn" role="alert" data-undo-error=${e.code}>
        ${v.text(C.undoFailed)}: ${v.text(e.message)} (${e.code})
      </p>`
    : nothing;
}

/** The shift: counters (this terminal, and the registry's tally), the usages, the report, the clerk's settings. */
export function renderShiftPanel(v: ViewContext, m: ShiftModel): TemplateResult {
  const tally = countShift(m.usages, m.now);
  // A register's usages wait for a file, never to be sent: it counts them (`[part="register"]`), not "waiting to be sent".
  const register = m.register === true;
  const prefs = currentPrefs();
  const toggle = (k: keyof TerminalPrefs) => () => {
    const now = currentPrefs();
    savePrefs({ ...now, [k]: !now[k] });
    m.changed();
  };
  const title = v.text(C.shift) + (m.terminalName ? ` · ${m.terminalName}` : '');
  const when = (at: string | undefined) => (at ? v.fmt.dateTime(at) : '–');
  // Kaikukanta's tally only: a register's count (registry="none") is this terminal's, counted above.
  const cap = m.cap && !m.cap.unknown && !m.cap.countedOn ? m.cap : undefined;
  const report = shiftReport(m.usages, m.locale);
  // The total rows' word (the last row is the shift's total): not a card ID, so never masked.
  const total = report.rows.at(-1)![0];
  return html`<details part="shift" class="shift">
    <summary>${title}</summary>
    <section class="shift-counts" aria-label=${v.text(C.thisTerminal)}>
      <h4>${v.text(C.thisTerminal)}</h4>
      ${counters(v, v.text(C.today), tally.today, register)}
      ${tally.shows.map((s) => counters(v, `${s.name} ${v.fmt.dateTime(s.start)}`, s.counts, register))}
      ${overCap(v, m.usages)}
    </section>
    ${
      cap && m.show
        ? html`<p data-registry>
            ${v.text(C.registryTally)}: ${m.show.name}
            ${v.fmt.number(cap.given)}${cap.cap === null ? '' : ` / ${v.fmt.number(cap.cap)}`}
          </p>`
        : nothing
    }
    <ol class="shift-list">
      ${m.usages.map(
        (u) =>
          html`<li data-state=${u.state}>
            <span>${v.fmt.dateTime(u.at)}</span>
            <span class="mono">${v.id(u.cardId)}</span>
            <span>${u.show.name}</span>
            <span class="badge">${v.text(u.recorded ? REGISTER_TEXTS.recorded : STATES[u.state])}</span>
            ${renderUndo(v, m, u)} ${undoError(v, m.undoErrors.get(u.id))}
          </li>`,
      )}
    </ol>
    <div class="actions">
      <button type="button" data-print @click=${() => globalThis.print()}>${v.text(C.printShift)}</button>
      <button
        type="button"
        data-csv
        @click=${() => void downloadCsv(async () => report.csv, m.failed, 'kaikukortti-shift.csv')}
      >
        ${v.text(C.shiftCsv)}
      </button>
    </div>
    <p class="muted">${v.text(C.shiftKept)}</p>
    <dl class="shift-print">
      ${[
        [C.venue, m.venue],
        [C.terminal, m.terminalName],
        [C.period, `${when(m.usages[0]?.at)} – ${when(m.usages.at(-1)?.at)}`],
        [C.printed, v.fmt.dateTime(m.now.toISOString())],
        [C.refused, v.fmt.number(tally.today.refused)],
        [C.voidedCount, v.fmt.number(m.usages.filter((u) => u.state === 'voided').length)],
      ].map(
        ([k, value]) =>
          html`<div>
            <dt>${v.text(k as typeof C.venue)}</dt>
            <dd>${value || '–'}</dd>
          </div>`,
      )}
    </dl>
    <table class="shift-report">
      <caption>
        ${title}
      </caption>
      ${report.rows.map(
        (r, i) =>
          html`<tr>
            ${r.map((c, j) =>
              i === 0
                ? html`<th scope="col">${c}</th>`
                : html`<td>${j === 0 && c !== total ? v.id(String(c)) : c}</td>`,
            )}
          </tr>`,
      )}
    </table>
    <fieldset class="shift-settings">
      <legend>${v.text(C.deviceSettings)}</legend>
      ${(['sound', 'vibration', 'privacy'] as const).map(
        (k) =>
          html`<label class="radio">
            <input type="checkbox" data-pref=${k} .checked=${prefs[k]} @change=${toggle(k)} />${v.text(C[k])}
          </label>`,
      )}
    </fieldset>
  </details>`;
}

/** Printing (from the open panel) shows the shift report alone; on screen the counters and the list tell it. */
export const shiftStyles = css`
  .shift table {
    border-collapse: collapse;
    width: 100%;
  }
  .count-row dl,
  .shift-print {
    display: grid;
    /* auto-fit: the counters share the row, so a long label (Vuxenbiljetter) is not broken inside a word. */
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 7rem), 1fr));
    gap: 0.25rem 1rem;
    margin: 0.25rem 0 0.75rem;
  }
  .count-row dd {
    margin: 0;
    font-size: 1.25em;
    font-weight: 600;
  }
  .shift-print dd {
    margin: 0;
  }
  .shift caption {
    text-align: start;
    font-weight: 600;
  }
  .shift th,
  .shift td {
    padding: 0.25rem 0.5rem;
    border-bottom: 1px solid var(--kaiku-border);
    text-align: end;
  }
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
  }
  .shift-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
  }
  .shift-list [data-state='refused'] .badge,
  .shift-list [data-state='voided'] .badge {
    color: var(--kaiku-danger);
  }
  .shift .shift-report,
  .shift .shift-print {
    display: none;
  }
  @media print {
    .base > :not([part~='shift']),
    .shift > :not(.shift-report, .shift-print) {
      display: none;
    }
    .shift .shift-report {
      display: table;
    }
    .shift .shift-print {
      display: grid;
    }
    .base {
      border: 0;
    }
  }
`;
