import type { CardView, ServiceError, ShowContext, TicketRequest } from '../services/types.js';
import { EMPTY_REQUEST, type Phase } from './phase.js';
import { SILENT, reasonsText, type Say, type Screen } from './screen.js';
import { Task } from './task.js';
import { KaikuCardEvent } from '../events/index.js';

/** How often a card on screen that was decided without Kaikukanta is looked up again (while it is on screen). */
export const RECHECK_MS = 5_000;

/** Looking a card up and putting it on screen with the rules' verdict; verifying one decided offline. */
export class CardLookup {
  private readonly lookup = new Task();
  private readonly rechecking = new Task();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly s: Screen,
    /** A look-up began: the show's tally is fetched alongside the card. */
    private readonly began: () => void,
  ) {
    s.onPhase = () => this.scheduleRecheck();
  }

  async lookUp(cardId: string): Promise<void> {
    const s = this.s;
    const show = s.host.show();
    if (!show) {
      s.toPhase({ name: 'ready' }, SILENT, (v) => v.t.noShow);
      s.emitError({ code: 'no-show', stage: 'config', cardId });
      return;
    }
    s.host.stopCamera();
    s.toPhase({ name: 'looking-up', cardId }, (v) => v.t.lookingUp(v.id(cardId)));
    // Another till may have sold tickets for this show since: each customer sees the server's count (plus this
    // till's unsent usages), fetched alongside the card.
    this.began();
    const got = await this.lookup
      .run(async (signal) => {
        const outcome = await s.lookUp(cardId, signal);
        if (outcome.ok) await s.host.loadCardViews();
        return outcome;
      })
      .catch(async (e: unknown) => ({
        value: { ok: false as const, error: await s.errorOf(e), notFound: false },
      }));
    if (!got) return; // reset, or another look-up took over
    const outcome = got.value;
    if (outcome.ok) this.showCard(outcome.card, show);
    else if (outcome.notFound) this.notRegistered(outcome.error, cardId);
    else s.fail(outcome.error, 'lookup', cardId, cardId);
  }

  /** Drops the look-up under way (its answer will be ignored). */
  abort(): void {
    this.lookup.abort();
  }

  /** An unregistered card is an ordinary refusal: nothing failed, and trying again cannot help. */
  private notRegistered(error: ServiceError, cardId: string): void {
    this.s.toPhase(
      { name: 'error', error, refusal: true },
      SILENT,
      reasonsText([error], (v) => v.t.refusedHeading),
    );
    this.s.emitError({ code: error.code, stage: 'lookup', cardId });
  }

  /**
   * The looked-up card on screen, with the rules' verdict. `request`: the tickets already chosen, kept when a card
   * decided offline is verified again (`recheck`); the form then keeps its focus unless the card is now refused.
   */
  private showCard(card: CardView, show: ShowContext, request = EMPTY_REQUEST, recheck = false): void {
    const s = this.s;
    const probe: TicketRequest =
      card.kind === 'community' ? { children: 0, groupCardIds: [], under16: 1 } : EMPTY_REQUEST;
    const first = s.decide(card, show, probe);
    const blocking = first.ok ? [] : first.reasons;
    const phase: Phase = { name: 'card', card, request, blocking };
    const polite: Say = (v) => `${v.t.cardHeading} ${v.id(card.id)}: ${v.t.statusName(card.status)}`;
    if (recheck && blocking.length === 0)
      s.set(() => {
        s.phase = phase;
        s.polite = polite;
        s.alert = SILENT;
      });
    else
      s.toPhase(
        phase,
        blocking.length === 0 ? polite : SILENT,
        blocking.length === 0 ? SILENT : reasonsText(blocking, (v) => v.t.refusedHeading),
      );
    // A malformed show from the host is a setup error: say so to the host too, not only as a refusal.
    if (blocking.some((r) => r.code === 'show-invalid'))
      s.emitError({ code: 'show-invalid', stage: 'config', cardId: card.id });
    s.host.dispatch(
      new KaikuCardEvent({
        cardId: card.id,
        kind: card.kind,
        status: card.status,
        validUntil: card.validUntil,
        // Unverified (no record at all): the number of minors is not known, and nothing came from a cache.
        minors: card.status === 'unverified' ? null : card.minors,
        allowed: blocking.length === 0,
        reasons: blocking.map((r) => r.code),
        fromCache: card.fromCache && card.status !== 'unverified',
      }),
    );
  }

  /** While the card on screen was decided without Kaikukanta, it is looked up again every `RECHECK_MS`. */
  private scheduleRecheck(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    const p = this.s.phase;
    if (p.name === 'card' && p.card.fromCache)
      this.recheckTimer = setTimeout(() => void this.recheck(), RECHECK_MS);
  }

  /**
   * The connection may be back (an `online` event, a sync that got through, the timer): the card on screen that
   * was decided offline is looked up again. Verified, it updates in place (the tickets chosen stay); refused, its
   * reasons replace the form; still no answer, it waits for the next try. Nothing is registered.
   */
  async recheck(): Promise<void> {
    const s = this.s;
    const p = s.phase;
    const show = s.host.show();
    if (p.name !== 'card' || !p.card.fromCache || !show || this.rechecking.running) return;
    const got = await this.rechecking.run((signal) => s.lookUp(p.card.id, signal));
    const now = s.phase;
    // The clerk has moved on (another card, registering, done): the answer no longer belongs on screen.
    if (!got || now.name !== 'card' || now.card.id !== p.card.id || !now.card.fromCache) return;
    const outcome = got.value;
    if (outcome.ok && !outcome.card.fromCache) this.showCard(outcome.card, show, now.request, true);
    else if (!outcome.ok && outcome.notFound) this.notRegistered(outcome.error, p.card.id);
    else this.scheduleRecheck();
  }

  dispose(): void {
    this.lookup.abort();
    this.rechecking.abort();
    clearTimeout(this.recheckTimer);
  }
}
