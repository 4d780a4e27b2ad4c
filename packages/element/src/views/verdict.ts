import { css, html, nothing, svg, unsafeCSS, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Phase } from '../flow/phase.js';
import type { Reason } from '../services/types.js';
import { CARD_TEXTS } from './card-texts.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';
import { ticketSummary, type ViewContext } from './view-context.js';

/**
 * The four results a clerk reads from two metres: each its own colour, icon shape, sound and vibration (see
 * `feedback/cues.ts`), and its heading in words, so none depends on colour or sound alone.
 */
export const OUTCOMES = ['registered', 'refused', 'already-used', 'attention'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Fill and text colour of each result. Chosen so that every pair stays apart (CIELAB ΔE ≥ 20) under protanopia,
 * deuteranopia and tritanopia simulation and each text keeps ≥ 4.5:1 (verdict.test.ts computes both). The same in
 * both themes: the banner is its own surface.
 */
export const OUTCOME_COLOURS: Readonly<Record<Outcome, { readonly bg: string; readonly fg: string }>> = {
  registered: { bg: '#00695c', fg: '#ffffff' },
  refused: { bg: '#c0281e', fg: '#ffffff' },
  'already-used': { bg: '#4a148c', fg: '#ffffff' },
  attention: { bg: '#f2b705', fg: '#1a1d21' },
};

/** What the screen shows, as one of the four results; undefined while there is none (ready, busy, ticket form). */
export function outcomeOf(phase: Phase): Outcome | undefined {
  switch (phase.name) {
    case 'card':
      return phase.blocking.length === 0 ? undefined : refusalOutcome(phase.blocking);
    case 'done':
      // An undo that went through is a success, said as one; only a later refusal asks for attention.
      return phase.outcome === 'refused-later' ? 'attention' : 'registered';
    case 'error':
      return phase.refusal ? 'refused' : 'attention';
    default:
      return undefined;
  }
}

/** A refusal is "already used" when that is one of its reasons (its text says when and where). */
export function refusalOutcome(reasons: readonly Reason[]): Outcome {
  return reasons.some((r) => r.code === 'already-used') ? 'already-used' : 'refused';
}

/** The icons differ in outline (circle, octagon, square, triangle), not only in colour. */
const ICONS: Readonly<Record<Outcome, TemplateResult>> = {
  registered: svg`<circle cx="24" cy="24" r="21"/><path d="M13 25l7 7 15-16" class="mark"/>`,
  refused: svg`<path d="M15 3h18l12 12v18L33 45H15L3 33V15z"/><path d="M16 16l16 16M32 16L16 32" class="mark"/>`,
  'already-used': svg`<rect x="3" y="3" width="42" height="42" rx="4"/><path d="M24 12v12l8 6" class="mark"/>`,
  attention: svg`<path d="M24 3l22 40H2z"/><path d="M24 17v13M24 35v3" class="mark"/>`,
};

/** A banner: which result, its heading, what follows it, its part; `data` sets `data-outcome`/`data-code`. */
export type VerdictBanner = {
  readonly verdict: Outcome;
  readonly heading: string;
  readonly body: TemplateResult | typeof nothing;
  readonly part: 'result' | 'refusal' | 'error';
  readonly outcome?: string;
  readonly code?: string;
};

/** The banner: icon and heading in large type, then what the clerk needs to know. */
export function renderVerdict(b: VerdictBanner): TemplateResult {
  return html`<div
    part=${b.part}
    class="verdict"
    data-verdict=${b.verdict}
    data-outcome=${ifDefined(b.outcome)}
    data-code=${ifDefined(b.code)}
  >
    <div class="verdict-head">
      <svg class="verdict-icon" viewBox="0 0 48 48" aria-hidden="true" data-shape=${b.verdict}>
        ${ICONS[b.verdict]}
      </svg>
      <h3>${b.heading}</h3>
    </div>
    ${b.body}
  </div>`;
}

/** Each result's colours as custom properties of its banner. */
const fills = unsafeCSS(
  OUTCOMES.map(
    (o) =>
      `.verdict[data-verdict='${o}']{--verdict-bg:${OUTCOME_COLOURS[o].bg};--verdict-fg:${OUTCOME_COLOURS[o].fg}}`,
  ).join(''),
);

export const verdictStyles = css`
  ${fills}
  .verdict {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.5rem;
    padding: 1rem;
    border-radius: var(--kaiku-radius);
    background: var(--verdict-bg);
    color: var(--verdict-fg);
    font-size: 1.25em;
  }
  .verdict p,
  .verdict li {
    color: inherit;
  }
  .verdict-head {
    display: flex;
    align-items: center;
    gap: 0.75rem;
  }
  .verdict-head > * {
    min-width: 0;
  }
  .verdict h3 {
    font-size: 1.6em;
    font-weight: 800;
  }
  .verdict-icon {
    flex: none;
    width: 3.5rem;
    height: 3.5rem;
    fill: var(--verdict-fg);
  }
  .verdict-icon .mark {
    fill: none;
    stroke: var(--verdict-bg);
    stroke-width: 5;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  .verdict .badge {
    color: inherit;
    background: transparent;
  }
`;

/**
 * The result, reached only through the card phase (so it loads with the card panel): registered; queued offline
 * with its badge; or queued and later refused by Kaikukanta (with the reason, and where to settle it). Then
 * "next customer" (Enter).
 */
export function renderResult(
  v: ViewContext,
  done: Extract<Phase, { name: 'done' }>,
  onNext: () => void,
): TemplateResult {
  const { t, text } = v;
  const { outcome, cardId, request, reason } = done;
  const heading = {
    registered: t.registeredHeading,
    recorded: text(REGISTER_TEXTS.recorded),
    queued: t.queuedHeading,
    voided: text(CARD_TEXTS.voided),
    'refused-later': t.refusedLaterHeading,
  }[outcome];
  return html`${renderVerdict({
    verdict: outcomeOf(done) ?? 'registered',
    heading,
    part: 'result',
    outcome,
    body: html`${outcome === 'queued' ? html`<p><span part="queued-badge" class="badge">${text(CARD_TEXTS.queuedBadge)}</span></p>` : nothing}
      ${outcome === 'recorded' ? html`<p><span part="recorded-badge" class="badge">${text(REGISTER_TEXTS.badge)}</span></p>` : nothing}
      <p data-state=${outcome}><span class="mono">${v.id(cardId)}</span> · ${ticketSummary(v, request)}</p>
      ${outcome === 'queued' ? html`<p>${t.queuedDetail}</p>` : nothing}
      ${outcome === 'recorded' ? html`<p>${text(REGISTER_TEXTS.recordedDetail)}</p>` : nothing}
      ${
        outcome === 'refused-later'
          ? html`${reason ? html`<p>${text(reason.message)}</p>` : nothing}
              <p>${text(CARD_TEXTS.refusedLater)}</p>`
          : nothing
      }`,
  })}
  ${renderNext(t.nextCustomer, onNext)}`;
}

/** Every reason the card cannot be used now, and only "next customer". */
export function renderRefusal(
  { t, text }: ViewContext,
  reasons: readonly Reason[],
  onNext: () => void,
): TemplateResult {
  const outcome = refusalOutcome(reasons);
  return html`${renderVerdict({
    verdict: outcome,
    heading: outcome === 'already-used' ? text(CARD_TEXTS.alreadyUsedHeading) : t.refusedHeading,
    part: 'refusal',
    body: html`<ul>
      ${reasons.map((r) => html`<li data-code=${r.code}>${text(r.message)}</li>`)}
    </ul>`,
  })}
  ${renderNext(t.nextCustomer, onNext)}`;
}

const renderNext = (label: string, onNext: () => void): TemplateResult =>
  html`<div class="actions">
    <button class="primary" type="button" data-autofocus @click=${onNext}>${label}</button>
  </div>`;
