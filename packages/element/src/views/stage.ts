import { html, type TemplateResult } from 'lit';
import type { ScanFlow } from '../flow/scan-flow.js';
import type { ShowContext } from '../services/types.js';
import type { CardPanelViews } from '../controllers/lazy-views-controller.js';
import type { TicketHandlers } from './card-panel.js';
import type { ViewContext } from './view-context.js';
import { renderBusy, renderError } from './outcome.js';
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
  const reset = (): void => f.reset();
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
        ? html`${m.cardViews.renderResult(v, phase, reset)}${m.cardViews.renderUndo(v, phase, f)}`
        : renderBusy(v.t.registering);
    case 'error':
      return renderError(
        v,
        phase.error,
        phase.retryCardId !== undefined,
        () => f.retry(),
        reset,
        phase.refusal === true,
        m.cardViews?.renderVerdict,
      );
  }
}
