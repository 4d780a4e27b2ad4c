import { html, nothing, type TemplateResult } from 'lit';
import { KaikuUsageVoidedEvent, type KaikuUsageVoidedDetail } from '../events.js';
import type { Phase } from '../flow/phase.js';
import type { ScanFlow } from '../flow/scan-flow.js';
import { ticketSummary, type ViewContext } from './view-context.js';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import type { TicketRequest } from '../services/types.js';

/** An undo action's text, naming what it undoes: the card (as the screen shows it) and its tickets. */
export function undoText(v: ViewContext, cardId: string, r: TicketRequest): string {
  return v.text(fill(C.undo, `${v.id(cardId)}, ${ticketSummary(v, r)}`));
}

/** The ID the result screen's undo action would undo, if it has one. */
export function undoTarget(f: ScanFlow): string | undefined {
  const p = f.phase;
  if (p.name !== 'done' || (p.outcome !== 'registered' && p.outcome !== 'queued')) return undefined;
  return f.svc.voidUsage ? (p.usageId ?? p.recordId) : undefined;
}

/**
 * Undoes one usage by its ID (the result screen's action, or the element's `voidUsage` for a shift list); rejects as
 * the services do. Never superseded: a void sent is a void done, whatever the screen does meanwhile.
 */
export async function voidUsage(f: ScanFlow, usageId: string, cardId = ''): Promise<KaikuUsageVoidedDetail> {
  const voidIt = f.svc.voidUsage?.bind(f.svc);
  if (!voidIt) throw new TypeError('voidUsage: the services cannot undo usages');
  f.set(() => f.undoing++);
  try {
    const detail = { usageId, cardId, outcome: await voidIt(usageId) };
    f.host.dispatch(new KaikuUsageVoidedEvent(detail));
    // Whoever undid it (the result's action, the shift list, the host), the result on screen of it says so.
    const p = f.phase;
    if (p.name === 'done' && undoTarget(f) === usageId)
      f.toPhase({ ...p, outcome: 'voided' }, (v) => `${v.text(C.voided)}. ${ticketSummary(v, p.request)}`);
    return detail;
  } finally {
    f.set(() => f.undoing--);
    void f.tally.refresh();
  }
}

/** Undoes the usage on the result screen: the screen then says it is undone, or why it is not. */
export async function undoShown(f: ScanFlow): Promise<void> {
  const phase = f.phase;
  const id = undoTarget(f);
  if (id === undefined || phase.name !== 'done' || f.undoing > 0) return;
  f.set(() => (f.polite = (v) => v.text(C.undoing)));
  try {
    await voidUsage(f, id, phase.cardId);
  } catch (e) {
    const undoError = await f.errorOf(e);
    if (f.phase !== phase) return;
    f.toPhase(
      { ...phase, undoError },
      () => '',
      (v) => `${v.text(C.undoFailed)}. ${v.text(undoError.message)}`,
    );
    f.emitError({ code: undoError.code, stage: 'void', cardId: phase.cardId });
  }
}

/**
 * The result screen's undo action, naming what it undoes ("Peru: A045198723, Aikuisia 1, lapsia 2."), and why the
 * last undo failed; nothing once the usage is undone (the result says so) or when there is nothing to undo.
 */
export function renderUndo(
  v: ViewContext,
  done: Extract<Phase, { name: 'done' }>,
  f: ScanFlow,
): TemplateResult | typeof nothing {
  if (undoTarget(f) === undefined) return nothing;
  return html`${
      done.undoError
        ? html`<p part="undo-error" class="notice danger" role="alert" data-code=${done.undoError.code}>
            ${v.text(C.undoFailed)}. ${v.text(done.undoError.message)}
          </p>`
        : nothing
    }
    <div class="actions">
      <button part="undo-button" type="button" ?disabled=${f.undoing > 0} @click=${() => void undoShown(f)}>
        ${undoText(v, done.cardId, done.request)}
      </button>
    </div>`;
}
