import { css, html, nothing, type TemplateResult } from 'lit';
import type {
  CardView,
  Decision,
  LocalizedText,
  Reason,
  ShowContext,
  TicketRequest,
} from '../services/types.js';
import { renderStepper } from './stepper.js';
import { CARD_TEXTS as C, fill, statusName } from './card-texts.js';
import { renderRefusal, verdictStyles } from './verdict.js';
import type { ViewContext } from './view-context.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';
import type { Phase } from '../flow/phase.js';
import type { ScanFlow } from '../flow/scan-flow.js';
// The undo action shows on the result, so it loads with it.
export { renderUndo } from './undo.js';

/**
 * The card panel's styles, added to the element's (adoptedStyleSheets) when this chunk loads: the first download
 * carries none of them.
 */
export const cardStyles = css`
  ${verdictStyles}
  /* A phone or tablet has no Enter or Esc keys to speak of. */
  @media (hover: none) and (pointer: coarse) {
    .keys-hint {
      display: none;
    }
  }
  .card {
    display: grid;
    gap: var(--kaiku-gap);
    border: 2px solid var(--kaiku-border);
    border-radius: var(--kaiku-radius);
    padding: var(--kaiku-gap);
  }
  dl {
    margin: 0;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 14rem), 1fr));
    gap: 0.5rem var(--kaiku-gap);
  }
  dt {
    color: var(--kaiku-muted);
    font-size: 0.9em;
  }
  dd {
    margin: 0;
    font-weight: 600;
    /* Last resort for a word longer than its column (the columns are at least 14rem, so rarely). */
    overflow-wrap: anywhere;
  }
  .stepper {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .stepper-label {
    flex: 0 1 14rem;
    font-weight: 600;
  }
  /* "(At most 2)" stays on one line. */
  .stepper-label > .muted {
    white-space: nowrap;
  }
  /* Wider than the count's focus ring (3 px outline, 2 px offset), so the ring never covers a button. */
  .stepper-controls {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
  }
  .stepper-value {
    min-width: 3rem;
    min-height: 2.75rem;
    display: inline-grid;
    place-items: center;
    font-size: 1.25em;
    font-weight: 700;
    border-radius: var(--kaiku-radius);
  }
  .group-list,
  .attention-list,
  .shift-list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: 0.25rem;
  }
  .group-list li {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
    background: var(--kaiku-surface);
    border-radius: var(--kaiku-radius);
    padding: 0.25rem 0.25rem 0.25rem 0.75rem;
  }
  /* The needs-attention list (its chunk has no styles): each usage a row, its button apart from the report's. */
  .attention-list {
    gap: 0.5rem;
    margin-bottom: 0.75rem;
  }
  .attention-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
  }
  .card-info,
  .card-action {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: var(--kaiku-gap);
    align-content: start;
    min-width: 0;
  }
  /* The needs-attention list and the shift panel open and close. A flex summary loses the browser's marker: one is
     drawn, so a closed panel reads as one that opens. */
  details summary {
    cursor: pointer;
    font-weight: 600;
    min-height: 2.75rem;
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  details summary::before {
    content: '▸';
    content: '▸' / '';
  }
  details[open] summary::before {
    content: '▾';
    content: '▾' / '';
  }
  @container (min-width: 56rem) {
    .card {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      align-items: start;
    }
  }
`;
export { renderResult, renderVerdict } from './verdict.js';
export { playCue } from '../feedback/cues.js';
export { showCardId } from '../feedback/prefs.js';

/** Largest request size the rules allow checked by asking them, so the element never re-implements a rule. */
export const PROBE_LIMIT = 20;

/**
 * The largest `n` in 0…`limit` for which `allowed(n)` holds, or -1 when none does. Every value is asked (no early
 * stop), because a rule may refuse small values (a community card with no group) and allow larger ones.
 *
 * @example
 * probeMax((n) => n <= 2) // 2
 */
export function probeMax(allowed: (n: number) => boolean, limit = PROBE_LIMIT): number {
  let best = -1;
  for (let n = 0; n <= limit; n++) if (allowed(n)) best = n;
  return best;
}

/** The ticket form's data: the request, the rules' decision on it, and the bounds the rules allow. */
export type TicketModel = {
  readonly card: CardView;
  readonly request: TicketRequest;
  readonly decision: Decision;
  readonly isCourse: boolean;
  readonly childMax: number;
  readonly under16Max: number;
  /**
   * Why the children stop below the card's registered minors (the cap, usually): the first reason the rules give
   * for one child more. Unset when the minors are the limit.
   */
  readonly childLimit?: Reason;
  readonly groupError: Reason | undefined;
  /** Group members looked up without Kaikukanta (offline): marked as not verified. */
  readonly unverified?: ReadonlySet<string>;
};

export type TicketHandlers = {
  readonly setRequest: (request: TicketRequest) => void;
  readonly confirm: () => void;
  readonly cancel: () => void;
  readonly submitMember: (e: SubmitEvent) => void;
};

/**
 * The ticket form's model: the rules decide the request on screen and, by probing, how far each stepper may go
 * (the element never re-implements a rule).
 */
export function ticketModel(
  card: CardView,
  show: ShowContext,
  request: TicketRequest,
  decide: (request: TicketRequest) => Decision,
  groupError: Reason | undefined,
): TicketModel {
  const isCourse = show.kind === 'course';
  const bound = (vary: (n: number) => TicketRequest): number =>
    Math.max(
      0,
      probeMax((n) => decide(vary(n)).ok),
    );
  const childMax = card.kind === 'client' && !isCourse ? bound((n) => ({ ...request, children: n })) : 0;
  const over =
    childMax < card.minors && !isCourse ? decide({ ...request, children: childMax + 1 }) : undefined;
  return {
    card,
    request,
    decision: decide(request),
    isCourse,
    childMax,
    under16Max: card.kind === 'community' ? bound((n) => ({ ...request, under16: n })) : 0,
    ...(over && !over.ok && over.reasons[0] ? { childLimit: over.reasons[0] } : {}),
    groupError,
  };
}

/**
 * The card phase on the stage: the looked-up card's facts, and either the ticket form (its model built from the
 * rules, the flow's `decide`, only when the form is shown: there is a show and nothing blocks) or the reasons no
 * ticket can be given.
 */
export function renderCardStage(
  v: ViewContext,
  { card, request, blocking }: Extract<Phase, { name: 'card' }>,
  show: ShowContext | undefined,
  flow: Pick<ScanFlow, 'rules' | 'groupError' | 'unverified'>,
  h: TicketHandlers,
): TemplateResult {
  const tickets = (s: ShowContext): TicketModel => ({
    ...ticketModel(card, s, request, (r) => flow.rules.decide(card, s, r), flow.groupError),
    unverified: flow.unverified,
  });
  return html`
    <section part="card-panel" class="card" aria-labelledby="card-title">
      <div class="card-info">${renderCardFacts(v, card)}${renderBooking(v, flow.rules.collecting(card))}</div>
      <div class="card-action">
        ${blocking.length > 0 || !show ? renderRefusal(v, blocking, h.cancel) : renderTickets(v, tickets(show), h)}
      </div>
    </section>
  `;
}

/** What Kaikukanta says of the card: type, status, last valid day, registered minors. */
export function renderCardFacts({ fmt, text, id }: ViewContext, card: CardView): TemplateResult {
  // Unverified: no record at all, so the minors are unknown (not 0), and nothing came from a cache.
  const unknown = card.status === 'unverified' || card.status === 'unchecked';
  const facts: [LocalizedText, string][] = [
    [C.cardKind, card.kind === 'community' ? text(C.kindCommunity) : text(C.kindClient)],
    [C.status, text(statusName(card.status))],
    [C.validUntil, card.validUntil ? fmt.date(card.validUntil) : '–'],
    ...(card.kind === 'client'
      ? [[C.minors, unknown ? '–' : fmt.number(card.minors)] as [LocalizedText, string]]
      : []),
  ];
  return html`<h3 id="card-title">${text(C.cardHeading)} <span class="mono">${id(card.id)}</span></h3>
    <dl>
      ${facts.map(
        ([label, value]) =>
          html`<div>
            <dt>${text(label)}</dt>
            <dd>${value}</dd>
          </div>`,
      )}
    </dl>
    ${
      card.status === 'unchecked'
        ? html`<p class="notice warn" data-source="register">${text(REGISTER_TEXTS.unchecked)}</p>`
        : nothing
    }
    ${
      card.fromCache
        ? html`<p class="notice warn" data-source=${unknown ? 'none' : 'cache'}>
            <span>${unknown ? text(C.unverified) : text(C.fromCache)}</span>
          </p>`
        : nothing
    }`;
}

/** A booking to collect, not yet collected: by whom (`data-booked-by`). */
const renderBooking = (v: ViewContext, b: CardView['booking']) =>
  b && !b.collected
    ? html`<p class="notice" part="booking" data-booked-by=${b.by}>
        <span>${v.text(fill(C.bookedBy, b.by))}</span>
      </p>`
    : nothing;

/** Why the children stop where they do; the cap's own text counts one child more than the stepper allows. */
const limitNote = (limit: Reason, max: string): LocalizedText =>
  limit.code.startsWith('cap-') ? fill(C.capBound, max) : limit.message;

/** One adult ticket, children (client card) or the group (community card), the decision, confirm/cancel. */
export function renderTickets(v: ViewContext, m: TicketModel, h: TicketHandlers): TemplateResult {
  const { fmt, text } = v;
  const { card, request, decision } = m;
  const focusStepper = card.kind === 'client' && m.childMax > 0;
  return html`<div part="tickets" class="field">
    <h4>${text(C.ticketsHeading)}</h4>
    <div class="stepper">
      <span class="stepper-label">${text(C.adultTickets)}</span
      ><span class="stepper-value">${fmt.number(1)}</span>
      <span class="muted">${text(C.adultNote)}</span>
    </div>
    ${
      card.kind === 'client'
        ? m.isCourse
          ? html`<p class="muted">${text(C.childNoneCourse)}</p>`
          : renderStepper(v, {
              id: 'children',
              label: text(C.childTickets),
              value: request.children,
              max: m.childMax,
              autofocus: focusStepper,
              onChange: (n) => h.setRequest({ ...request, children: n }),
              onEnter: h.confirm,
            })
        : renderGroup(v, m, h)
    }
    ${m.childLimit ? html`<p class="muted" data-child-limit=${m.childLimit.code}>${text(limitNote(m.childLimit, fmt.number(m.childMax)))}</p>` : nothing}
    ${
      decision.ok
        ? html`<p>
            <strong
              >${text(decision.total === 1 ? C.oneTicket : fill(C.totalTickets, fmt.number(decision.total)))}</strong
            >
          </p>`
        : html`<div class="notice warn" data-live-reasons>
            <ul>
              ${decision.reasons.map((r) => html`<li data-code=${r.code}>${text(r.message)}</li>`)}
            </ul>
          </div>`
    }
    <div class="actions">
      <button
        class="primary"
        type="button"
        part="confirm-button"
        aria-disabled=${decision.ok ? 'false' : 'true'}
        ?data-autofocus=${!focusStepper && card.kind === 'client'}
        @click=${h.confirm}
      >
        ${text(C.confirm)}
      </button>
      <button type="button" @click=${h.cancel}>${text(C.cancel)}</button>
    </div>
    <p class="muted keys-hint">${text(C.keysHint)}</p>
  </div>`;
}

/** A community card's group: each member's own card (scanned or typed) and the number of under-16 clients. */
export function renderGroup(v: ViewContext, m: TicketModel, h: TicketHandlers): TemplateResult {
  const { text } = v;
  const { request, groupError: err } = m;
  const remove = (id: string): void =>
    h.setRequest({ ...request, groupCardIds: request.groupCardIds.filter((x) => x !== id) });
  return html`<fieldset class="field">
      <legend>${text(C.groupHeading)}</legend>
      <p class="muted" id="member-hint">${text(C.groupHint)}</p>
      ${
        request.groupCardIds.length === 0
          ? html`<p class="muted">${text(C.groupEmpty)}</p>`
          : html`<ul class="group-list">
              ${request.groupCardIds.map(
                (id) =>
                  html`<li ?data-unverified=${m.unverified?.has(id)}>
                    <span
                      ><span class="mono">${v.id(id)}</span
                      >${m.unverified?.has(id) ? ` · ${text(C.memberUnverified)}` : ''}</span
                    >
                    <button
                      type="button"
                      aria-label=${text(fill(C.groupRemove, v.id(id)))}
                      @click=${() => remove(id)}
                    >
                      ×
                    </button>
                  </li>`,
              )}
            </ul>`
      }
      <form class="field" @submit=${h.submitMember} novalidate>
        <label for="member">${text(C.groupMemberLabel)}</label>
        <div class="input-row">
          <input
            id="member"
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="member-hint ${err ? 'member-error' : ''}"
            aria-invalid=${err ? 'true' : 'false'}
            data-autofocus
          />
          <button type="submit">${text(C.groupAdd)}</button>
        </div>
        ${err ? html`<p id="member-error" class="notice danger"><span>${text(err.message)}</span></p>` : nothing}
      </form>
    </fieldset>
    ${renderStepper(v, {
      id: 'under16',
      label: text(C.under16),
      value: request.under16,
      max: m.under16Max,
      autofocus: false,
      onChange: (n) => h.setRequest({ ...request, under16: n }),
      onEnter: h.confirm,
    })}`;
}
