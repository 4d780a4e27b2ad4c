import { html, nothing, type TemplateResult } from 'lit';
import type { ScanFlow } from '../flow/scan-flow.js';
import type { ShowContext } from '../services/types.js';
import type { Phase } from '../flow/phase.js';
import type { CardPanelViews } from '../controllers/lazy-views-controller.js';
import type { TicketHandlers } from './card-panel.js';
import type { ViewContext } from './view-context.js';
import type { VerdictBanner } from './verdict.js';
import { renderReady, type ReadyOptions } from './ready.js';

/** The element's side of the stage: its settings and handlers. */
export type StageModel = ReadyOptions & {
  readonly show: ShowContext | undefined;
  /** The card panel's code (loaded on demand); until it is there a card shows as being looked up. */
  readonly cardViews: CardPanelViews | undefined;
  readonly tickets: TicketHandlers;
};

/**
 * The area that changes with the flow: ready, busy, the card panel, the result or the error; below it, the card
 * read while a step ran, which is looked up next (its last four characters).
 */
export function renderStage(v: ViewContext, f: ScanFlow, m: StageModel): TemplateResult {
  const next = f.waiting;
  return next === undefined
    ? renderPhase(v, f, m)
    : html`${renderPhase(v, f, m)}
        <p part="next-waiting" class="muted">${v.t.nextWaiting(next.slice(-4))}</p>`;
}

function renderPhase(v: ViewContext, f: ScanFlow, m: StageModel): TemplateResult {
  const phase = f.phase;
  switch (phase.name) {
    case 'ready':
      return renderReady(v, m, f);
    case 'looking-up':
      return renderBusy(v.t.lookingUp(v.id(phase.cardId)));
    case 'card':
      // Loaded before a card reaches the screen (see the flow's look-up); the busy line covers a host that sets
      // the phase early.
      return m.cardViews
        ? m.cardViews.renderCardStage(v, phase, m.show, f, m.tickets)
        : renderBusy(v.t.lookingUp(v.id(phase.card.id)));
    case 'registering':
      return renderBusy(v.t.registering);
    case 'done':
      return m.cardViews
        ? html`${m.cardViews.renderResult(v, phase, () => f.reset())}${m.cardViews.renderUndo(v, phase, f.undo)}`
        : renderBusy(v.t.registering);
    case 'error':
      return renderError(v, phase, f, m.cardViews?.renderVerdict);
  }
}

/** A busy line (looking up, registering); focusable so focus has somewhere to be meanwhile. */
function renderBusy(text: string): TemplateResult {
  return html`<div class="row" tabindex="-1" data-autofocus>
    <span class="spinner" aria-hidden="true"></span>
    <p>${text}</p>
  </div>`;
}

/**
 * An error in plain language, with "try again" when retrying can help; a refusal (unregistered card) is headed as
 * one. `verdict`: the results' banner, once its code is in (it loads with the card panel); the plain notice until.
 */
function renderError(
  { t, text }: ViewContext,
  { error, retryCardId, refusal }: Extract<Phase, { name: 'error' }>,
  f: Pick<ScanFlow, 'retry' | 'reset'>,
  verdict?: (b: VerdictBanner) => TemplateResult,
): TemplateResult {
  const canRetry = retryCardId !== undefined;
  // A refused sign-in (`http-401`, `http-403`) is said as one: it is no mystery to the clerk.
  const signIn = /^http-40[13]$/.test(error.code);
  const heading = refusal ? t.refusedHeading : signIn ? t.signInHeading : t.errorHeading;
  const body = html`<p>${text(error.message)}</p>`;
  return html`${
      verdict
        ? verdict({
            verdict: refusal ? 'refused' : 'attention',
            heading,
            body,
            part: 'error',
            code: error.code,
          })
        : html`<div part="error" class="notice danger" data-code=${error.code}>
            <h3>${heading}</h3>
            ${body}
          </div>`
    }
    <div class="actions">
      ${
        canRetry
          ? html`<button class="primary" type="button" data-autofocus @click=${() => f.retry()}>
              ${t.tryAgain}
            </button>`
          : nothing
      }
      <button
        class=${canRetry ? '' : 'primary'}
        type="button"
        ?data-autofocus=${!canRetry}
        @click=${() => f.reset()}
      >
        ${t.nextCustomer}
      </button>
    </div>`;
}
