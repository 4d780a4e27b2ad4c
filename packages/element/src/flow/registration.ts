import {
  KaikuBeforeRegisterEvent,
  KaikuUsageQueuedEvent,
  KaikuUsageRegisteredEvent,
} from '../events/index.js';
import type { KaikuUsageDetail } from '../events/index.js';
import type { Phase } from './phase.js';
import { SILENT, reasonsText, type Screen } from './screen.js';
import { Task } from './task.js';
import type { Tally } from './sync.js';
import { ticketSummary } from '../views/view-context.js';

/** Registering the usage on screen: once, never aborted, the tally told before and after the write. */
export class Registration {
  private readonly write = new Task();

  constructor(
    private readonly s: Screen,
    private readonly tally: Tally,
  ) {}

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
      s.set(() => (s.alert = reasonsText(decision.reasons)));
      return;
    }
    const mode = s.host.mode();
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
      s.set(() => (s.alert = (v) => v.t.vetoed));
      return;
    }
    s.toPhase({ name: 'registering', card: phase.card, request: phase.request }, (v) => v.t.registering);
    let outcome;
    this.tally.hold();
    try {
      outcome = await s.svc.register({ show, cardId: phase.card.id, request: phase.request, mode });
    } catch (e) {
      this.tally.release(false);
      s.fail(await s.errorOf(e), 'register', phase.card.id);
      return;
    }
    if (outcome.kind === 'refused') {
      s.toPhase({ ...phase, blocking: outcome.reasons }, SILENT, reasonsText(outcome.reasons));
      this.tally.release();
      s.emitError({ code: outcome.reasons[0]?.code ?? 'refused', stage: 'register', cardId: phase.card.id });
      return;
    }
    const key = `${show.id}|${phase.card.id}`;
    s.used.set(key, [...(s.used.get(key) ?? []), { mode, at: s.host.now?.() ?? new Date() }]);
    const done: Phase = {
      name: 'done',
      outcome: outcome.kind,
      cardId: phase.card.id,
      request: phase.request,
    };
    if (outcome.kind === 'registered') {
      if (outcome.cap) s.capState = outcome.cap;
      this.tally.release(outcome.cap === undefined);
      const registered = { ...done, usageId: outcome.usageId };
      s.toPhase(registered, (v) => `${v.t.registeredHeading}. ${ticketSummary(v, phase.request)}`);
      s.host.dispatch(new KaikuUsageRegisteredEvent({ ...detail, usageId: outcome.usageId }));
    } else {
      // At once on screen: the last count plus this usage; then the outbox's count (server + unsent) replaces it.
      const cap = s.capState;
      if (cap) s.capState = { ...cap, given: cap.given + decision.countedAgainstCap };
      this.tally.release();
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
