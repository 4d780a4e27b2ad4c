import { css, html, nothing, type TemplateResult } from 'lit';
import { countShift, type ShiftCounts, type ShiftUsage } from '@kaiku-scanner/core/outbox';
import type { Phase } from '../flow/phase.js';
import type { CapState, OutboxState, ShowContext, UsageMode } from '../services/types.js';
import { currentPrefs, savePrefs, type TerminalPrefs } from '../feedback/prefs.js';
import { downloadCsv } from './needs-attention.js';
import type { ViewContext } from './view-context.js';

/**
 * This terminal's shift (memory only: gone with the page, like the card IDs it holds): each usage it registered or
 * queued and each refusal it showed, seen as the flow reaches them. Undo (voiding) marks a usage `voided` here.
 */
export class ShiftLog {
  readonly usages: ShiftUsage[] = [];
  private seen: Phase | undefined;
  /** The card last looked up: an unregistered one's refusal (an error phase) names no card. */
  private looked = '';
  private n = 0;

  /** Takes what a new phase says about the shift (once per phase). */
  record(phase: Phase, show: ShowContext | undefined, mode: UsageMode, now: Date): void {
    if (phase === this.seen || !show) return;
    this.seen = phase;
    if (phase.name === 'looking-up') this.looked = phase.cardId;
    const base = { at: now.toISOString(), mode, show, childTickets: 0, id: `shift-${++this.n}` };
    if (phase.name === 'done' && phase.outcome !== 'refused-later') {
      const { request: r } = phase;
      const group = r.groupCardIds.length + r.under16 > 0;
      this.usages.push({
        ...base,
        ...(phase.recordId ? { id: phase.recordId } : {}),
        state: phase.outcome,
        cardId: phase.cardId,
        childTickets: r.children,
        ...(group ? { group: { memberCardIds: [...r.groupCardIds], under16Clients: r.under16 } } : {}),
      });
    } else if (phase.name === 'card' && phase.blocking.length > 0)
      this.usages.push({ ...base, state: 'refused', cardId: phase.card.id });
    else if (phase.name === 'error' && phase.refusal)
      this.usages.push({ ...base, state: 'refused', cardId: this.looked });
  }

  /** The usages with what the outbox knows now: a queued one is sent (registered) or refused later. */
  current(outbox: Pick<OutboxState, 'pendingIds' | 'needsAttention'>): ShiftUsage[] {
    const refused = new Set(outbox.needsAttention.map((a) => a.id));
    const waiting = new Set(outbox.pendingIds ?? []);
    return this.usages.map((u) =>
      u.state !== 'queued' || waiting.has(u.id)
        ? u
        : { ...u, state: refused.has(u.id) ? 'refused' : 'registered' },
    );
  }
}

/** What the panel shows and does. */
export type ShiftModel = {
  readonly usages: readonly ShiftUsage[];
  readonly terminalName: string;
  /** The registry's tally of the show on screen (every terminal), when known. */
  readonly show: ShowContext | undefined;
  readonly cap: CapState | undefined;
  readonly now: Date;
  /** The shift's report as CSV (the services' `exportShiftCsv`); absent: no download offered. */
  readonly exportCsv: (() => Promise<string>) | undefined;
  /** The clerk changed a setting: re-render. */
  readonly changed: () => void;
  readonly failed: (e: unknown) => Promise<void>;
};

const L = (v: ViewContext, fi: string, sv: string, en: string): string => v.text({ fi, sv, en });
const state = (v: ViewContext, s: ShiftUsage['state']): string =>
  L(v, STATES[s][0], STATES[s][1], STATES[s][2]);

const COLUMNS = [
  ['adults', 'Aikuiset', 'Vuxna', 'Adults'],
  ['children', 'Lapset', 'Barn', 'Children'],
  ['groups', 'Yhteisöryhmät', 'Gemenskapsgrupper', 'Community groups'],
  ['refused', 'Hylätyt', 'Avvisade', 'Refused'],
  ['queued', 'Jonossa', 'I kö', 'Queued'],
] as const;

const STATES = {
  registered: ['kirjattu', 'registrerad', 'registered'],
  queued: ['jonossa', 'i kö', 'queued'],
  refused: ['hylätty', 'avvisad', 'refused'],
  voided: ['peruttu', 'annullerad', 'voided'],
} as const;

function counters(v: ViewContext, label: string, c: ShiftCounts): TemplateResult {
  return html`<tr>
    <th scope="row">${label}</th>
    ${COLUMNS.map(([k]) => html`<td data-count=${k}>${v.fmt.number(c[k])}</td>`)}
  </tr>`;
}

/** The shift: counters (this terminal, and the registry's tally), the usages, the report, the clerk's settings. */
export function renderShiftPanel(v: ViewContext, m: ShiftModel): TemplateResult {
  const tally = countShift(m.usages, m.now);
  const prefs = currentPrefs();
  const toggle = (k: keyof TerminalPrefs) => () => {
    const now = currentPrefs();
    savePrefs({ ...now, [k]: !now[k] });
    m.changed();
  };
  const title = L(v, 'Vuoro', 'Skift', 'Shift') + (m.terminalName ? ` · ${m.terminalName}` : '');
  const cap = m.cap && !m.cap.unknown ? m.cap : undefined;
  return html`<details part="shift" class="shift">
    <summary>${title}</summary>
    <table class="shift-counts">
      <caption>
        ${L(v, 'Tämä pääte', 'Den här terminalen', 'This terminal')}
      </caption>
      <thead>
        <tr>
          <td></td>
          ${COLUMNS.map(([, fi, sv, en]) => html`<th scope="col">${L(v, fi, sv, en)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${counters(v, L(v, 'Tänään', 'I dag', 'Today'), tally.today)}
        ${tally.shows.map((s) => counters(v, `${s.name} ${v.fmt.dateTime(s.start)}`, s.counts))}
      </tbody>
    </table>
    ${
      cap && m.show
        ? html`<p data-registry>
            ${L(v, 'Kaikukannan laskuri (kaikki päätteet)', 'Kaikukantas räkning (alla terminaler)', "The registry's tally (every terminal)")}:
            ${m.show.name} ${v.fmt.number(cap.given)}${cap.cap === null ? '' : ` / ${v.fmt.number(cap.cap)}`}
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
            <span class="badge">${state(v, u.state)}</span>
          </li>`,
      )}
    </ol>
    <div class="actions">
      <button type="button" data-print @click=${() => globalThis.print()}>
        ${L(v, 'Tulosta vuororaportti', 'Skriv ut skiftrapporten', 'Print the shift report')}
      </button>
      ${
        m.exportCsv
          ? html`<button
              type="button"
              data-csv
              @click=${() => void downloadCsv(m.exportCsv!, m.failed, 'kaikukortti-shift.csv')}
            >
              ${L(v, 'Lataa vuororaportti (CSV)', 'Ladda ner skiftrapporten (CSV)', 'Download the shift report (CSV)')}
            </button>`
          : nothing
      }
    </div>
    <fieldset class="shift-settings">
      <legend>
        ${L(v, 'Tämän laitteen asetukset', 'Inställningar på den här enheten', "This device's settings")}
      </legend>
      ${(
        [
          ['sound', 'Äänet', 'Ljud', 'Sounds'],
          ['vibration', 'Värinä', 'Vibration', 'Vibration'],
          [
            'privacy',
            'Piilota kortin tunnus (näytä neljä viimeistä)',
            'Dölj kortnumret (visa de fyra sista)',
            'Hide card IDs (show the last four)',
          ],
        ] as const
      ).map(
        ([k, fi, sv, en]) =>
          html`<label class="radio">
            <input
              type="checkbox"
              data-pref=${k}
              .checked=${prefs[k]}
              @change=${toggle(k)}
            />${L(v, fi, sv, en)}
          </label>`,
      )}
    </fieldset>
  </details>`;
}

/** Printing (from the open panel) shows the shift report alone: counters, totals by show and the usages. */
export const shiftStyles = css`
  .shift table {
    border-collapse: collapse;
    width: 100%;
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
  .shift th[scope='row'] {
    text-align: start;
  }
  .shift-list {
    display: grid;
    gap: 0.25rem;
    padding: 0;
    list-style: none;
  }
  .shift-list li {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .shift-list [data-state='refused'] .badge,
  .shift-list [data-state='voided'] .badge {
    color: var(--kaiku-danger);
  }
  input[type='checkbox'] {
    width: 1.25rem;
    height: 1.25rem;
  }
  @media print {
    .base > :not([part~='shift']),
    .shift summary,
    .shift .actions,
    .shift-settings {
      display: none;
    }
    .base {
      border: 0;
    }
  }
`;
