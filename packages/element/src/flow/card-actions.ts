import type { CardView, Decision, Reason, ShowContext, TicketRequest, UsageMode } from '../services/types.js';
import type { CardBooking } from '@kaiku-scanner/core/contract';
import { Memory } from './memory.js';
import type { KaikuUsageDetail } from '../events.js';
import { EMPTY_REQUEST, RECHECK_MS } from './phase.js';
import type { Screen } from './screen.js';
import { elementText, textOf } from '../messages/index.js';
import { CARD_TEXTS as C } from '../views/card-texts.js';

export { followOutbox } from './outbox-follow.js';

export { CARD_STEPS } from './card-steps.js';

/** The rules' side of a card: the registry's answers this session (`memory`), the booking a card comes to collect. */
export class Rules {
  /** What the registry answered this terminal: "already used" (its only writers: registration and undo). */
  readonly memory = new Memory();

  constructor(private readonly s: Screen) {}

  /** The rules' decision on a request for a card (the ticket form asks it for every bound). */
  decide(card: CardView, show: ShowContext, request: TicketRequest): Decision {
    const now = this.s.host.now?.() ?? new Date();
    const told = this.memory.told(show.id, card.id);
    if (told) return { ok: false, reasons: told };
    // A booking to collect passes the once-per-show rule (it is the card's usage); its collection, if any, does not.
    const got = this.collecting(card)?.collected;
    const earlier = [
      ...this.memory.earlier(show.id, card.id),
      ...(got ? [{ mode: 'collection', ...got } as const] : []),
    ];
    const mode = this.modeFor(card);
    return this.s.svc.decide({ card, show, mode, request, cap: this.s.capState, now, earlier });
  }

  /** The card's booking to collect (issue 62): any in collection mode; else one not sold at the box office. */
  collecting(card: CardView): CardBooking | undefined {
    const b = card.booking;
    return b && (this.s.host.mode() === 'collection' || b.channel !== 'box-office') ? b : undefined;
  }

  /** A card with a booking to collect is collected, whatever the terminal's mode: never a second booking. */
  modeFor(card: CardView): UsageMode {
    return this.collecting(card) ? 'collection' : this.s.host.mode();
  }
}

/** Whether the card can take any ticket: a community card's group needs someone, so it is asked for one. */
const probeOf = (card: CardView): TicketRequest =>
  card.kind === 'community' ? { ...EMPTY_REQUEST, under16: 1 } : EMPTY_REQUEST;

/** Putting a looked-up card on screen with the rules' verdict; verifying one decided offline. */
export class CardLookup {
  private readonly rechecking = this.s.task();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly s: Screen) {
    s.onPhase = () => this.scheduleRecheck();
  }

  /** The card on screen with its verdict; `request` (a booking's children at first) and focus kept on a `recheck`. */
  show(card: CardView, show: ShowContext, request = this.booked(card), recheck = false): void {
    const s = this.s;
    const first = s.rules.decide(card, show, probeOf(card));
    const blocking = first.ok ? [] : first.reasons;
    s.apply({ type: 'card', card, request, blocking, booked: s.rules.collecting(card), recheck });
  }

  private booked(card: CardView): TicketRequest {
    const b = this.s.rules.collecting(card);
    return b && !b.collected && card.kind === 'client'
      ? { ...EMPTY_REQUEST, children: b.tickets.children }
      : EMPTY_REQUEST;
  }

  /** The tally changed: a card on screen that the show has since filled up for goes to the refusal screen. */
  capChanged(): void {
    const p = this.s.phase;
    const show = this.s.host.show();
    if (p.name !== 'card' || p.blocking.length > 0 || !show) return;
    if (!this.s.rules.decide(p.card, show, probeOf(p.card)).ok) this.show(p.card, show, p.request, true);
  }

  /** While the card on screen was decided without Kaikukanta, it is looked up again every `RECHECK_MS`. */
  private scheduleRecheck(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    const p = this.s.phase;
    if (p.name === 'card' && p.card.fromCache)
      this.recheckTimer = setTimeout(() => void this.recheck(), RECHECK_MS);
  }

  /** Looks up again a card decided offline (connection maybe back): verified, updated in place; refused, its reasons
   * replace the form; no answer, it waits. Nothing is registered. */
  async recheck(): Promise<void> {
    const s = this.s;
    const p = s.phase;
    const show = s.host.show();
    if (p.name !== 'card' || !p.card.fromCache || !show || this.rechecking.running) return;
    const got = await this.rechecking.run((signal) => s.lookUp(p.card.id, signal, show.id));
    const now = s.phase;
    // The clerk has moved on (another card, registering, done): the answer no longer belongs on screen.
    if (!got || now.name !== 'card' || now.card.id !== p.card.id || !now.card.fromCache) return;
    const outcome = got.value;
    if (outcome.ok && !outcome.card.fromCache) this.show(outcome.card, show, now.request, true);
    else if (!outcome.ok && outcome.notFound)
      s.apply({ type: 'not-registered', error: outcome.error, cardId: p.card.id });
    else this.scheduleRecheck();
  }

  dispose(): void {
    this.rechecking.abort();
    clearTimeout(this.recheckTimer);
  }
}

/** A community card's group: each member's card read, looked up at once, and added only if it may join. */
export class Group {
  /** The member look-up under way: aborted when the clerk leaves the card. */
  readonly member = this.s.task();
  /** Members looked up without Kaikukanta (offline): Kaikukanta checks them when the usage is sent. */
  readonly unverified = new Set<string>();

  constructor(private readonly s: Screen) {}

  /** A member's card read into the group on screen; resolves when its look-up has ended. */
  async add(cardId: string): Promise<void> {
    const s = this.s;
    const phase = s.phase;
    if (phase.name !== 'card') return;
    const { card, request } = phase;
    if (cardId === card.id || request.groupCardIds.includes(cardId)) {
      s.apply({
        type: 'refused',
        reason: { code: 'group-duplicate', message: C.groupDuplicate },
        where: 'group',
      });
      return;
    }
    s.apply({ type: 'member-looking', cardId });
    const got = await this.member.run((signal) => s.lookUp(cardId, signal));
    const now = s.phase;
    if (!got || now.name !== 'card' || now.card.id !== card.id) return; // the clerk has moved on
    const outcome = got.value;
    const refusal = outcome.ok
      ? this.refusal(outcome.card, now.request.groupCardIds.length + 1)
      : outcome.error;
    if (refusal) {
      // Which member, and why: the card ID leads the reason in every language.
      const m = refusal.message;
      const message = { fi: `${cardId}: ${m.fi}`, sv: `${cardId}: ${m.sv}`, en: `${cardId}: ${m.en}` };
      s.apply({
        type: 'refused',
        reason: { code: refusal.code, message },
        where: 'group',
        stage: 'lookup',
        cardId,
      });
      return;
    }
    if (outcome.ok && outcome.card.fromCache) this.unverified.add(cardId);
    else this.unverified.delete(cardId);
    s.apply({ type: 'member', cardId });
  }

  /** Why a looked-up member's card cannot join (a community card, its own status or validity), if it cannot. */
  private refusal(member: CardView, position: number): Reason | undefined {
    if (member.kind === 'community') {
      const code = 'group-member-community-card';
      return { code, message: textOf(code, { position }) ?? elementText('unexpected') };
    }
    const show = this.s.host.show();
    const d = show ? this.s.rules.decide(member, show, EMPTY_REQUEST) : undefined;
    return d && !d.ok ? d.reasons.find((r) => r.code.startsWith('card-')) : undefined;
  }
}

/** Registering the usage on screen: once, never aborted, the tally told before and after the write. */
export class Registration {
  private readonly write = this.s.task();

  constructor(private readonly s: Screen) {}

  /** A usage is being registered (a second confirmation is ignored; a reading waits). */
  get running(): boolean {
    return this.write.running;
  }

  /** Registers the usage of the card on screen, if the rules and the host's listener allow it. */
  register(): Promise<unknown> {
    return this.write.running ? Promise.resolve() : this.write.run(() => this.registerOnce());
  }

  private async registerOnce(): Promise<void> {
    const s = this.s;
    const phase = s.phase;
    const show = s.host.show();
    if (phase.name !== 'card' || !show || phase.blocking.length > 0) return;
    const decision = s.rules.decide(phase.card, show, phase.request);
    if (!decision.ok) {
      s.apply({ type: 'not-allowed', reasons: decision.reasons });
      return;
    }
    const mode = s.rules.modeFor(phase.card);
    const detail: KaikuUsageDetail = {
      cardId: phase.card.id,
      adults: 1,
      children: phase.request.children,
      groupCardIds: phase.request.groupCardIds,
      under16: phase.request.under16,
      showId: show.id,
      mode,
    };
    if (!s.mayRegister(detail)) {
      s.apply({ type: 'vetoed' });
      return;
    }
    const written = { card: phase.card, request: phase.request };
    s.apply({ type: 'registering', ...written });
    let outcome;
    s.tally.hold();
    try {
      outcome = await s.svc.register({ show, cardId: phase.card.id, request: phase.request, mode });
    } catch (e) {
      s.tally.release();
      s.apply({ type: 'failed', error: await s.errorOf(e), stage: 'register', retryCardId: phase.card.id });
      return;
    }
    if (outcome.kind === 'refused') {
      s.rules.memory.keep(show.id, phase.card.id, { refusal: outcome.reasons });
      s.apply({ type: 'register-refused', ...written, reasons: outcome.reasons });
      s.tally.release();
      return;
    }
    const handle = outcome.kind === 'registered' ? outcome.usageId : outcome.recordId;
    const usage = { mode, at: s.host.now?.() ?? new Date() };
    s.rules.memory.keep(show.id, phase.card.id, handle ? { usage, handle } : { usage });
    if (outcome.kind === 'registered') {
      s.tally.release({ cap: outcome.cap });
      const { usageId } = outcome;
      s.apply({ type: 'registered', ...written, detail, usageId, recorded: !!outcome.recordedOn });
    } else {
      // At once on screen: the last count plus this usage; then the outbox's count (server + unsent) replaces it.
      s.tally.release({ queued: decision.countedAgainstCap });
      const { pending, reason, recordId } = outcome;
      s.apply({
        type: 'queued',
        ...written,
        detail: { ...detail, pending, reason, ...(recordId ? { recordId } : {}) },
      });
    }
  }
}
export { Undo } from './undo.js';
