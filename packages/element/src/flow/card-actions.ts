import type { CardView, Decision, Reason, ShowContext, TicketRequest, UsageMode } from '../services/types.js';
import type { CardBooking } from '@kaiku-scanner/core/contract';
import { Memory } from './memory.js';
import {
  KaikuBeforeRegisterEvent,
  KaikuCardEvent,
  KaikuUsageQueuedEvent,
  KaikuUsageRegisteredEvent,
  type KaikuUsageDetail,
} from '../events.js';
import { EMPTY_REQUEST, RECHECK_MS, type Phase } from './phase.js';
import { SILENT, reasonsText, type Say, type Screen } from './screen.js';
import { Task } from './task.js';
import { ticketSummary, type ViewContext } from '../views/view-context.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';
import { elementText, textOf } from '../messages/index.js';
import { CARD_TEXTS as C, fill, statusName } from '../views/card-texts.js';

export { followOutbox } from './outbox-follow.js';

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
  private readonly rechecking = new Task();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly s: Screen) {
    s.onPhase = () => this.scheduleRecheck();
  }

  /** The card on screen with its verdict; `request` (a booking's children at first) and focus kept on a `recheck`. */
  show(card: CardView, show: ShowContext, request = this.booked(card), recheck = false): void {
    const s = this.s;
    const first = s.decide(card, show, probeOf(card));
    const blocking = first.ok ? [] : first.reasons;
    const phase: Phase = { name: 'card', card, request, blocking };
    const booked = s.collecting(card);
    const polite: Say = (v) =>
      `${v.text(C.cardHeading)} ${v.id(card.id)}: ${v.text(statusName(card.status))}${booked ? `. ${v.text(fill(C.bookedBy, booked.by))}` : ''}`;
    if (recheck && blocking.length === 0) s.show({ phase, polite, alert: SILENT });
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
        minors: card.status === 'unverified' || card.status === 'unchecked' ? null : card.minors,
        allowed: blocking.length === 0,
        reasons: blocking.map((r) => r.code),
        fromCache: card.fromCache && card.status !== 'unverified',
      }),
    );
  }

  private booked(card: CardView): TicketRequest {
    const b = this.s.collecting(card);
    return b && !b.collected && card.kind === 'client'
      ? { ...EMPTY_REQUEST, children: b.tickets.children }
      : EMPTY_REQUEST;
  }

  /** The tally changed: a card on screen that the show has since filled up for goes to the refusal screen. */
  capChanged(): void {
    const p = this.s.phase;
    const show = this.s.host.show();
    if (p.name !== 'card' || p.blocking.length > 0 || !show) return;
    if (!this.s.decide(p.card, show, probeOf(p.card)).ok) this.show(p.card, show, p.request, true);
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
    else if (!outcome.ok && outcome.notFound) s.notRegistered(outcome.error, p.card.id);
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
  readonly member = new Task();
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
      s.refused({ code: 'group-duplicate', message: C.groupDuplicate }, 'group');
      return;
    }
    s.show({ polite: (v) => v.t.lookingUp(cardId) });
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
      s.refused({ code: refusal.code, message }, 'group');
      s.emitError({ code: refusal.code, stage: 'lookup', cardId });
      return;
    }
    if (outcome.ok && outcome.card.fromCache) this.unverified.add(cardId);
    else this.unverified.delete(cardId);
    const groupCardIds = [...now.request.groupCardIds, cardId];
    s.show({
      groupError: undefined,
      phase: { ...now, request: { ...now.request, groupCardIds } },
      polite: (v) => `${v.text(C.groupHeading)}: ${cardId}`,
    });
  }

  /** Why a looked-up member's card cannot join (a community card, its own status or validity), if it cannot. */
  private refusal(member: CardView, position: number): Reason | undefined {
    if (member.kind === 'community') {
      const code = 'group-member-community-card';
      return { code, message: textOf(code, { position }) ?? elementText('unexpected') };
    }
    const show = this.s.host.show();
    const d = show ? this.s.decide(member, show, EMPTY_REQUEST) : undefined;
    return d && !d.ok ? d.reasons.find((r) => r.code.startsWith('card-')) : undefined;
  }
}

/** Registering the usage on screen: once, never aborted, the tally told before and after the write. */
export class Registration {
  private readonly write = new Task();

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
    const decision = s.decide(phase.card, show, phase.request);
    if (!decision.ok) {
      s.show({ alert: reasonsText(decision.reasons) });
      return;
    }
    const mode = s.modeFor(phase.card);
    const detail: KaikuUsageDetail = {
      cardId: phase.card.id,
      adults: 1,
      children: phase.request.children,
      groupCardIds: phase.request.groupCardIds,
      under16: phase.request.under16,
      showId: show.id,
      mode,
    };
    if (!s.host.dispatch(new KaikuBeforeRegisterEvent(detail))) {
      s.show({ alert: (v) => v.text(C.vetoed) });
      return;
    }
    s.toPhase({ name: 'registering', card: phase.card, request: phase.request }, (v) => v.t.registering);
    let outcome;
    s.tally.hold();
    try {
      outcome = await s.svc.register({ show, cardId: phase.card.id, request: phase.request, mode });
    } catch (e) {
      s.tally.release();
      s.fail(await s.errorOf(e), 'register', phase.card.id);
      return;
    }
    if (outcome.kind === 'refused') {
      s.memory.keep(show.id, phase.card.id, { refusal: outcome.reasons });
      s.toPhase({ ...phase, blocking: outcome.reasons }, SILENT, reasonsText(outcome.reasons));
      s.tally.release();
      s.emitError({ code: outcome.reasons[0]?.code ?? 'refused', stage: 'register', cardId: phase.card.id });
      return;
    }
    const handle = outcome.kind === 'registered' ? outcome.usageId : outcome.recordId;
    const usage = { mode, at: s.host.now?.() ?? new Date() };
    s.memory.keep(show.id, phase.card.id, handle ? { usage, handle } : { usage });
    const done: Phase = {
      name: 'done',
      // Kept on this terminal only (registry="none"): its own result, never said as registered in Kaikukanta.
      outcome: outcome.kind === 'registered' && outcome.recordedOn ? 'recorded' : outcome.kind,
      cardId: phase.card.id,
      request: phase.request,
    };
    if (outcome.kind === 'registered') {
      s.tally.release({ cap: outcome.cap });
      const heading = (v: ViewContext) =>
        outcome.recordedOn ? v.text(REGISTER_TEXTS.recorded) : v.t.registeredHeading;
      s.toPhase(
        { ...done, usageId: outcome.usageId },
        (v) => `${heading(v)}. ${ticketSummary(v, phase.request)}`,
      );
      s.host.dispatch(new KaikuUsageRegisteredEvent({ ...detail, usageId: outcome.usageId }));
    } else {
      // At once on screen: the last count plus this usage; then the outbox's count (server + unsent) replaces it.
      s.tally.release({ queued: decision.countedAgainstCap });
      const queued: Phase = outcome.recordId ? { ...done, recordId: outcome.recordId } : done;
      s.toPhase(queued, (v) => `${v.t.queuedHeading}. ${v.t.queuedDetail}`);
      s.host.dispatch(
        new KaikuUsageQueuedEvent({
          ...detail,
          pending: outcome.pending,
          reason: outcome.reason,
          ...(outcome.recordId ? { recordId: outcome.recordId } : {}),
        }),
      );
    }
  }
}
export { Undo } from './undo.js';
