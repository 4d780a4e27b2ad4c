import type { EarlierUsage } from '@kaiku-scanner/core/contract';
import type { Reason } from '../services/types.js';

/** A usage this terminal registered or queued (under the handle an undo takes it back by), or a registry refusal. */
type Said = { readonly handle?: string; readonly usage?: EarlierUsage; readonly refusal?: readonly Reason[] };

/** The registry's answers this session per show and card, memory only: usages and "already used" refusals (a void
 * removes one). */
export class Memory {
  private readonly said = new Map<string, Said[]>();

  private of(show: string, card: string): Said[] {
    return this.said.get(`${show}|${card}`) ?? [];
  }

  /** The usages this terminal registered or queued for the card and show (the rules' `earlier`). */
  earlier(show: string, card: string): EarlierUsage[] {
    return this.of(show, card).flatMap((s) => (s.usage ? [s.usage] : []));
  }

  /** The registry's "already used" refusal of the card for the show, if it gave one to this terminal. */
  told(show: string, card: string): readonly Reason[] | undefined {
    return this.of(show, card).find((s) => s.refusal)?.refusal;
  }

  /** Keeps a usage, or a refusal's "already used" reasons (the others depend on the request or the tally). */
  keep(show: string, card: string, said: Said): void {
    const refusal = said.refusal?.filter((r) => r.code === 'already-used');
    if (refusal?.length === 0) return;
    this.said.set(`${show}|${card}`, [...this.of(show, card), refusal ? { refusal } : said]);
  }

  /** The usage undone by `handle` leaves the memory. */
  voided(handle: string): void {
    for (const [key, said] of this.said)
      this.said.set(
        key,
        said.filter((s) => s.handle !== handle),
      );
  }
}
