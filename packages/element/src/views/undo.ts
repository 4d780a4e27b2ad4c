import { html, nothing, type TemplateResult } from 'lit';
import type { Phase } from '../flow/phase.js';
import type { Undo } from '../flow/undo.js';
import { ticketSummary, type ViewContext } from './view-context.js';

/**
 * The result screen's undo action, naming what it undoes ("Peru: A045198723, aikuisia 1, lapsia 2"), and why the
 * last undo failed; nothing once the usage is undone (the result says so) or when there is nothing to undo.
 */
export function renderUndo(
  v: ViewContext,
  done: Extract<Phase, { name: 'done' }>,
  undo: Pick<Undo, 'target' | 'running' | 'undoShown'>,
): TemplateResult | typeof nothing {
  if (undo.target === undefined) return nothing;
  const what = `${done.cardId}, ${ticketSummary(v, done.request)}`;
  return html`${
      done.undoError
        ? html`<p part="undo-error" class="notice danger" role="alert" data-code=${done.undoError.code}>
            ${v.t.undoFailed}. ${v.text(done.undoError.message)}
          </p>`
        : nothing
    }
    <div class="actions">
      <button
        part="undo-button"
        type="button"
        ?disabled=${undo.running}
        @click=${() => void undo.undoShown()}
      >
        ${v.t.undo(what)}
      </button>
    </div>`;
}
