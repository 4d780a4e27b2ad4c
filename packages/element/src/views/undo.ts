import { html, nothing, type TemplateResult } from 'lit';
import type { Phase } from '../flow/phase.js';
import type { Undo } from '../flow/undo.js';
import { ticketSummary, type ViewContext } from './view-context.js';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import type { TicketRequest } from '../services/types.js';

/** An undo action's text, naming what it undoes: the card (as the screen shows it) and its tickets. */
export function undoText(v: ViewContext, cardId: string, r: TicketRequest): string {
  return v.text(fill(C.undo, `${v.id(cardId)}, ${ticketSummary(v, r)}`));
}

/**
 * The result screen's undo action, naming what it undoes ("Peru: A045198723, Aikuisia 1, lapsia 2."), and why the
 * last undo failed; nothing once the usage is undone (the result says so) or when there is nothing to undo.
 */
export function renderUndo(
  v: ViewContext,
  done: Extract<Phase, { name: 'done' }>,
  undo: Undo | undefined,
): TemplateResult | typeof nothing {
  if (undo?.target === undefined) return nothing;
  return html`${
      done.undoError
        ? html`<p part="undo-error" class="notice danger" role="alert" data-code=${done.undoError.code}>
            ${v.text(C.undoFailed)}. ${v.text(done.undoError.message)}
          </p>`
        : nothing
    }
    <div class="actions">
      <button part="undo-button" type="button" ?disabled=${undo.running} @click=${() => void undo.shown()}>
        ${undoText(v, done.cardId, done.request)}
      </button>
    </div>`;
}
