import { KaikuUsageVoidedEvent, type KaikuUsageVoidedDetail } from '../events/index.js';
import { SILENT, type Screen } from './screen.js';
import type { Tally } from './sync.js';
import { ticketSummary } from '../views/view-context.js';

/**
 * Undoing a usage: the one on the result screen (its undo action), or any this terminal registered (`voidUsage`, for
 * a shift list). Once at a time; whether the window is still open is Kaikukanta's (or the outbox's) to say.
 */
export class Undo {
  /** Undos under way (never superseded: a void sent is a void done, whatever the screen does meanwhile). */
  private pending = 0;

  constructor(
    private readonly s: Screen,
    private readonly tally: Tally,
  ) {}

  /** The ID the result screen's undo action would undo, if it has one. */
  get target(): string | undefined {
    const p = this.s.phase;
    if (p.name !== 'done' || (p.outcome !== 'registered' && p.outcome !== 'queued')) return undefined;
    return this.s.svc.voidUsage ? (p.usageId ?? p.recordId) : undefined;
  }

  get running(): boolean {
    return this.pending > 0;
  }

  /** Undoes the usage on the result screen: the screen then says it is undone, or why it is not. */
  async undoShown(): Promise<void> {
    const s = this.s;
    const phase = s.phase;
    const id = this.target;
    if (id === undefined || phase.name !== 'done' || this.running) return;
    s.set(() => (s.polite = (v) => v.t.undoing));
    try {
      await this.voidUsage(id, phase.cardId);
      if (s.phase !== phase) return; // the clerk has moved on: the event told the host
      s.toPhase(
        { ...phase, outcome: 'voided' },
        (v) => `${v.t.voidedHeading}. ${ticketSummary(v, phase.request)}`,
      );
    } catch (e) {
      const undoError = await s.errorOf(e);
      if (s.phase !== phase) return;
      s.toPhase({ ...phase, undoError }, SILENT, (v) => `${v.t.undoFailed}. ${v.text(undoError.message)}`);
      s.emitError({ code: undoError.code, stage: 'void', cardId: phase.cardId });
    }
  }

  /** Undoes one usage by its ID; rejects as the services do. Announces `kaiku-usage-voided`. */
  async voidUsage(usageId: string, cardId = ''): Promise<KaikuUsageVoidedDetail> {
    const voidUsage = this.s.svc.voidUsage?.bind(this.s.svc);
    if (!voidUsage) throw new TypeError('voidUsage: the services cannot undo usages');
    this.pending++;
    try {
      const detail = { usageId, cardId, outcome: await voidUsage(usageId) };
      this.s.host.dispatch(new KaikuUsageVoidedEvent(detail));
      return detail;
    } finally {
      this.pending--;
      void this.tally.refresh();
    }
  }
}
