import type { KaikuUsageVoidedDetail } from '../events.js';
import type { Screen } from './screen.js';

/** Undoing usages this terminal made: never superseded, a void sent is done whatever the screen does meanwhile. */
export class Undo {
  #running = 0;

  constructor(private readonly s: Screen) {}

  /** An undo is under way (the actions are disabled meanwhile). */
  get running(): boolean {
    return this.#running > 0;
  }

  /** The handle the result screen's undo action would undo, if it has one. */
  get target(): string | undefined {
    const p = this.s.phase;
    if (p.name !== 'done' || !['registered', 'recorded', 'queued'].includes(p.outcome)) return undefined;
    return this.s.svc.voidUsage ? (p.usageId ?? p.recordId) : undefined;
  }

  /** Undoes one usage by its handle; rejects as the services do. The memory and the result on screen follow it. */
  async voidUsage(handle: string, cardId = ''): Promise<KaikuUsageVoidedDetail> {
    const s = this.s;
    const voidIt = s.svc.voidUsage?.bind(s.svc);
    if (!voidIt) throw new TypeError('voidUsage: the services cannot undo usages');
    this.#running++;
    s.host.changed();
    try {
      const detail = { usageId: handle, cardId, outcome: await voidIt(handle) };
      s.rules.memory.voided(handle);
      s.apply({ type: 'voided', detail, onScreen: this.target === handle });
      return detail;
    } finally {
      this.#running--;
      s.host.changed();
      void s.tally.refresh();
    }
  }

  /** Undoes the usage on the result screen: the screen then says it is undone, or why it is not. */
  async shown(): Promise<void> {
    const s = this.s;
    const phase = s.phase;
    const handle = this.target;
    if (handle === undefined || phase.name !== 'done' || this.running) return;
    s.apply({ type: 'undoing' });
    try {
      await this.voidUsage(handle, phase.cardId);
    } catch (e) {
      const undoError = await s.errorOf(e);
      if (s.phase !== phase) return;
      s.apply({ type: 'undo-failed', error: undoError, cardId: phase.cardId });
    }
  }
}
