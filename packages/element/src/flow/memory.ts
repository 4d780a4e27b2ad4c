import type { EarlierUsage } from '@kaiku-scanner/core/contract';
import type { Reason } from '../services/types.js';

type Kept = { readonly handle: string | undefined; readonly usage: EarlierUsage };

/**
 * What the registry answered this terminal this session, per show and card (memory only, never stored): the usages
 * it registered or queued, each under the handle an undo takes it back by, and an "already used" refusal it was
 * given at a confirm (another terminal's usage). A voided usage leaves it: the card can be registered again.
 */
export class Memory {
  private readonly usages = new Map<string, Kept[]>();
  private readonly refusals = new Map<string, readonly Reason[]>();

  /** The usages this terminal registered or queued for the card and show (the rules' `earlier`). */
  earlier(show: string, card: string): EarlierUsage[] {
    return (this.usages.get(`${show}|${card}`) ?? []).map((k) => k.usage);
  }

  /** The registry's "already used" refusal of the card for the show, if it gave one to this terminal. */
  told(show: string, card: string): readonly Reason[] | undefined {
    return this.refusals.get(`${show}|${card}`);
  }

  registered(show: string, card: string, usage: EarlierUsage, handle: string | undefined): void {
    const key = `${show}|${card}`;
    this.usages.set(key, [...(this.usages.get(key) ?? []), { handle, usage }]);
  }

  /** A refusal at a confirm: an "already used" one is remembered (the others depend on the request or the tally). */
  refused(show: string, card: string, reasons: readonly Reason[]): void {
    const used = reasons.filter((r) => r.code === 'already-used');
    if (used.length > 0) this.refusals.set(`${show}|${card}`, used);
  }

  /** The usage undone by `handle` leaves the memory. */
  voided(handle: string): void {
    for (const [key, kept] of this.usages) {
      const rest = kept.filter((k) => k.handle !== handle);
      if (rest.length === 0) this.usages.delete(key);
      else this.usages.set(key, rest);
    }
  }
}
