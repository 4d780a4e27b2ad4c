import type {
  CapState,
  CardView,
  Decision,
  LookupOutcome,
  OutboxState,
  Reason,
  ScannerServices,
  ServiceError,
  ShowContext,
  TicketRequest,
  UsageMode,
} from '../services/types.js';
import { EMPTY_REQUEST, type Phase } from './phase.js';
import { connectionOf, statusChanges, type SyncFacts } from './sync-state.js';
import { elementText, loadLateTexts, textOf, toServiceError } from '../messages/index.js';
import { ticketSummary, type ViewContext } from '../views/view-context.js';
import {
  KaikuBeforeRegisterEvent,
  KaikuCardEvent,
  KaikuErrorEvent,
  KaikuScanEvent,
  KaikuSyncEvent,
  KaikuUsageQueuedEvent,
  KaikuUsageRegisteredEvent,
  type KaikuErrorDetail,
  type KaikuUsageDetail,
  type ScanSource,
} from '../events/index.js';

/**
 * A line for the live regions, rendered in the language on screen when it is read (a language switch mid-card
 * re-renders it), not in the one of the moment it was said.
 */
export type Say = (v: ViewContext) => string;

const SILENT: Say = () => '';
/** How often a card on screen that was decided without Kaikukanta is looked up again (while it is on screen). */
export const RECHECK_MS = 5_000;
const reasonsText =
  (reasons: readonly Reason[], lead?: Say): Say =>
  (v) =>
    [...(lead ? [lead(v)] : []), ...reasons.map((r) => v.text(r.message))].join(lead ? '. ' : ' ');

/** What the flow needs from the element: its settings, its events, and a render when something changed. */
export type FlowHost = {
  readonly services: () => ScannerServices;
  /** The show usages are registered for (from the element's properties). */
  readonly show: () => ShowContext | undefined;
  readonly mode: () => UsageMode;
  /** Dispatches one of the element's events; false when a listener cancelled it. */
  readonly dispatch: (event: Event) => boolean;
  /** Something on screen changed. */
  readonly changed: () => void;
  /** A card is being looked up: the camera has done its job. */
  readonly stopCamera: () => void;
  /** The card panel's code, needed before a card reaches the screen. */
  readonly loadCardViews: () => Promise<unknown>;
  readonly now?: () => Date;
};

/**
 * The look-up → tickets → register flow of one terminal, one customer at a time, and what follows a queued usage.
 * Holds the state the element renders (the phase, the cap, input errors, the live-region lines) and dispatches
 * the element's events; it renders nothing and touches no DOM, so it runs (and is tested) in Node.
 */
export class ScanFlow {
  private current: Phase = { name: 'ready' };
  private capState: CapState | undefined;
  private outboxState: OutboxState = { pending: 0, needsAttention: [] };
  /** The outbox has been read once: before that, nothing is known about what waits. */
  private outboxKnown = false;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private rechecking = false;
  private lookupAbort: AbortController | undefined;
  /** Set while one confirmation is under way: a second (a listener's, a double Enter) is ignored. */
  private confirming = false;
  private focusWanted = false;
  /**
   * Numbers the tally refreshes: only the last one asked for may set the meter, and none while a usage is being
   * written (it may or may not count that usage; the flow asks again once it is written).
   */
  private capSeq = 0;
  private writingUsage = false;
  /** Group members' cards being looked up (a second reading of one is a duplicate). */
  /** `show|mode|card` of the usages this terminal registered or queued this session (memory only). */
  private readonly given = new Set<string>();
  private readonly memberLookups = new Map<string, Promise<void>>();

  manualError: Reason | undefined;
  groupError: Reason | undefined;
  cameraError: Reason | undefined;
  polite: Say = SILENT;
  alert: Say = SILENT;

  constructor(private readonly host: FlowHost) {}

  get phase(): Phase {
    return this.current;
  }

  get cap(): CapState | undefined {
    return this.capState;
  }

  get outbox(): OutboxState {
    return this.outboxState;
  }

  /**
   * What the sync status is built from (see `syncBadges`). Kaikukanta counts as not answering while the card on
   * screen was decided without it (from the cache, or unverified); a queued usage is said by the pending count.
   */
  syncFacts(online: boolean, configured: boolean): SyncFacts {
    const p = this.current;
    const o = this.outboxState;
    return {
      online,
      configured,
      known: this.outboxKnown,
      connection: connectionOf(o, p.name === 'card' && p.card.fromCache),
      pending: o.pending,
      needsAttention: o.needsAttention.length,
      storage: o.storage ?? 'ok',
    };
  }

  /** True once after a phase change: the element moves focus to the new phase's first control. */
  takeFocus(): boolean {
    const wanted = this.focusWanted;
    this.focusWanted = false;
    return wanted;
  }

  private get svc(): ScannerServices {
    return this.host.services();
  }

  private set(change: () => void): void {
    change();
    this.host.changed();
  }

  private toPhase(phase: Phase, polite: Say = SILENT, alert: Say = SILENT): void {
    this.set(() => {
      this.current = phase;
      this.polite = polite;
      this.alert = alert;
      this.focusWanted = true;
      if (phase.name !== 'ready') this.manualError = undefined;
      this.groupError = undefined;
    });
    this.scheduleRecheck();
  }

  private emitError(detail: KaikuErrorDetail): void {
    this.host.dispatch(new KaikuErrorEvent(detail));
  }

  /** A thrown value as a code and text, once the texts of the services' codes are in (if they can load). */
  private async errorOf(e: unknown): Promise<ServiceError> {
    await loadLateTexts().catch(() => undefined);
    return toServiceError(e);
  }

  private fail(
    error: ServiceError,
    stage: KaikuErrorDetail['stage'],
    retryCardId?: string,
    cardId?: string,
  ): void {
    this.toPhase(
      retryCardId === undefined ? { name: 'error', error } : { name: 'error', error, retryCardId },
      SILENT,
      (v) => `${v.t.errorHeading}. ${v.text(error.message)}`,
    );
    this.emitError({ code: error.code, stage, ...(cardId === undefined ? {} : { cardId }) });
  }

  // ---- reading a card ----

  /**
   * A reading from the wedge, the camera, the typed field or the host's `submitCardId`. `duplicate`: the reader read
   * the same card again moments ago (the wedge listener's flag).
   */
  read(raw: string, source: ScanSource, duplicate = false): void {
    const phase = this.current;
    if (phase.name === 'looking-up' || phase.name === 'registering') return;
    const parsed = this.svc.parseCardId(raw);
    const onScreen = phase.name === 'card' ? phase.card.id : phase.name === 'done' ? phase.cardId : undefined;
    if (duplicate && parsed.ok && parsed.id === onScreen) {
      // The card on screen read again: no second look-up nor registration prompt, just a calm word.
      this.set(() => (this.polite = (v) => v.t.alreadyRead(parsed.id)));
      return;
    }
    const addingToGroup =
      phase.name === 'card' &&
      phase.card.kind === 'community' &&
      phase.blocking.length === 0 &&
      source !== 'api';
    if (!parsed.ok) {
      this.set(() => {
        if (addingToGroup) this.groupError = parsed.reason;
        else if (phase.name !== 'card') {
          if (phase.name !== 'ready') this.toPhase({ name: 'ready' });
          this.manualError = parsed.reason;
        }
        this.alert = (v) => v.text(parsed.reason.message);
      });
      this.emitError({ code: parsed.reason.code, stage: 'input' });
      return;
    }
    if (addingToGroup) {
      this.host.dispatch(new KaikuScanEvent({ cardId: parsed.id, source, groupMember: true }));
      this.addGroupMember(parsed.id);
      return;
    }
    this.host.dispatch(new KaikuScanEvent({ cardId: parsed.id, source, groupMember: false }));
    void this.lookUp(parsed.id);
  }

  /** The group form's value: a member's card ID, or empty (Enter on the empty field registers). */
  submitMember(value: string): boolean {
    if (value === '') {
      void this.confirm();
      return false;
    }
    const parsed = this.svc.parseCardId(value);
    if (!parsed.ok) {
      this.set(() => {
        this.groupError = parsed.reason;
        this.alert = (v) => v.text(parsed.reason.message);
      });
      return false;
    }
    this.host.dispatch(new KaikuScanEvent({ cardId: parsed.id, source: 'manual', groupMember: true }));
    this.addGroupMember(parsed.id);
    return true;
  }

  async lookUp(cardId: string): Promise<void> {
    const show = this.host.show();
    if (!show) {
      this.toPhase({ name: 'ready' }, SILENT, (v) => v.t.noShow);
      this.emitError({ code: 'no-show', stage: 'config', cardId });
      return;
    }
    this.host.stopCamera();
    this.lookupAbort?.abort();
    const abort = new AbortController();
    this.lookupAbort = abort;
    this.toPhase({ name: 'looking-up', cardId }, (v) => v.t.lookingUp(cardId));
    // Another till may have sold tickets for this show since: each customer sees the server's count (plus this
    // till's unsent usages), fetched alongside the card.
    void this.refreshCap();
    let outcome: LookupOutcome;
    try {
      outcome = await this.svc.lookupCard(cardId, abort.signal);
    } catch (e) {
      outcome = { ok: false, error: await this.errorOf(e), notFound: false };
    }
    if (abort.signal.aborted) return;
    if (!outcome.ok && outcome.notFound) {
      this.notRegistered(outcome.error, cardId);
      return;
    }
    if (!outcome.ok) {
      this.fail(outcome.error, 'lookup', cardId, cardId);
      return;
    }
    try {
      await this.host.loadCardViews();
    } catch (e) {
      if (!abort.signal.aborted) this.fail(await this.errorOf(e), 'lookup', cardId, cardId);
      return;
    }
    if (abort.signal.aborted) return;
    this.showCard(outcome.card, show);
  }

  /** An unregistered card is an ordinary refusal: nothing failed, and trying again cannot help. */
  private notRegistered(error: ServiceError, cardId: string): void {
    this.toPhase(
      { name: 'error', error, refusal: true },
      SILENT,
      reasonsText([error], (v) => v.t.refusedHeading),
    );
    this.emitError({ code: error.code, stage: 'lookup', cardId });
  }

  /**
   * The looked-up card on screen, with the rules' verdict. `request`: the tickets already chosen, kept when a card
   * decided offline is verified again (`recheck`); the form then keeps its focus unless the card is now refused.
   */
  private showCard(card: CardView, show: ShowContext, request = EMPTY_REQUEST, recheck = false): void {
    const probe: TicketRequest =
      card.kind === 'community' ? { children: 0, groupCardIds: [], under16: 1 } : EMPTY_REQUEST;
    const first = this.decide(card, show, probe);
    const blocking = first.ok ? [] : first.reasons;
    const repeat = this.given.has(`${show.id}|${this.host.mode()}|${card.id}`);
    const phase: Phase = { name: 'card', card, request, blocking, repeat };
    const polite: Say = (v) => `${v.t.cardHeading} ${card.id}: ${v.t.statusName(card.status)}`;
    if (recheck && blocking.length === 0)
      this.set(() => {
        this.current = phase;
        this.polite = polite;
        this.alert = SILENT;
      });
    else
      this.toPhase(
        phase,
        blocking.length === 0 ? polite : SILENT,
        blocking.length === 0 ? SILENT : reasonsText(blocking, (v) => v.t.refusedHeading),
      );
    // A malformed show from the host is a setup error: say so to the host too, not only as a refusal.
    if (blocking.some((r) => r.code === 'show-invalid'))
      this.emitError({ code: 'show-invalid', stage: 'config', cardId: card.id });
    this.host.dispatch(
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

  /** The rules' decision on a request for the card on screen (the ticket form asks it for every bound). */
  decide(card: CardView, show: ShowContext, request: TicketRequest): Decision {
    const now = this.host.now?.() ?? new Date();
    return this.svc.decide({ card, show, mode: this.host.mode(), request, cap: this.capState, now });
  }

  setRequest(request: TicketRequest): void {
    const phase = this.current;
    if (phase.name !== 'card') return;
    this.set(() => (this.current = { ...phase, request }));
  }

  /** A member's card read into the group: looked up at once, and added only if it may join. */
  private addGroupMember(cardId: string): void {
    const phase = this.current;
    if (phase.name !== 'card') return;
    const { card, request } = phase;
    if (cardId === card.id || request.groupCardIds.includes(cardId) || this.memberLookups.has(cardId)) {
      const duplicate: Reason = { code: 'group-duplicate', message: elementText('group-duplicate') };
      this.set(() => {
        this.groupError = duplicate;
        this.alert = (v) => v.text(duplicate.message);
      });
      return;
    }
    this.set(() => (this.polite = (v) => v.t.lookingUp(cardId)));
    this.memberLookups.set(cardId, this.checkMember(card.id, cardId));
  }

  private async checkMember(holderId: string, cardId: string): Promise<void> {
    let outcome: LookupOutcome;
    try {
      outcome = await this.svc.lookupCard(cardId);
    } catch (e) {
      outcome = { ok: false, error: await this.errorOf(e), notFound: false };
    }
    this.memberLookups.delete(cardId);
    const phase = this.current;
    if (phase.name !== 'card' || phase.card.id !== holderId) return; // the clerk has moved on
    const { request } = phase;
    const refusal = outcome.ok
      ? this.memberRefusal(outcome.card, request.groupCardIds.length + 1)
      : outcome.error;
    if (refusal) {
      // Which member, and why: the card ID leads the reason in every language.
      const m = refusal.message;
      const message = { fi: `${cardId}: ${m.fi}`, sv: `${cardId}: ${m.sv}`, en: `${cardId}: ${m.en}` };
      this.set(() => {
        this.groupError = { code: refusal.code, message };
        this.alert = (v) => v.text(message);
      });
      this.emitError({ code: refusal.code, stage: 'lookup', cardId });
      return;
    }
    this.set(() => {
      this.groupError = undefined;
      this.current = { ...phase, request: { ...request, groupCardIds: [...request.groupCardIds, cardId] } };
      this.polite = (v) => `${v.t.groupHeading}: ${cardId}`;
    });
  }

  /** Why a looked-up member's card cannot join (a community card, its own status or validity), if it cannot. */
  private memberRefusal(member: CardView, position: number): Reason | undefined {
    if (member.kind === 'community') {
      const code = 'group-member-community-card';
      return { code, message: textOf(code, { position }) ?? elementText('unexpected') };
    }
    const show = this.host.show();
    const d = show ? this.decide(member, show, EMPTY_REQUEST) : undefined;
    return d && !d.ok ? d.reasons.find((r) => r.code.startsWith('card-')) : undefined;
  }

  // ---- registering ----

  /** Registers the usage on screen, once: a confirmation while one is under way is ignored. */
  async confirm(): Promise<void> {
    if (this.confirming) return;
    this.confirming = true;
    try {
      // A member read just before Enter is part of this usage: its look-up ends first.
      await Promise.all(this.memberLookups.values());
      await this.register();
    } finally {
      this.confirming = false;
    }
  }

  private async register(): Promise<void> {
    const phase = this.current;
    const show = this.host.show();
    if (phase.name !== 'card' || !show || phase.blocking.length > 0) return;
    const decision = this.decide(phase.card, show, phase.request);
    if (!decision.ok) {
      this.set(() => (this.alert = reasonsText(decision.reasons)));
      return;
    }
    const mode = this.host.mode();
    const detail: KaikuUsageDetail = {
      cardId: phase.card.id,
      adults: 1,
      children: phase.request.children,
      groupCardIds: phase.request.groupCardIds,
      under16: phase.request.under16,
      showId: show.id,
      mode,
    };
    if (!this.host.dispatch(new KaikuBeforeRegisterEvent(detail))) {
      this.set(() => (this.alert = (v) => v.t.vetoed));
      return;
    }
    this.toPhase({ name: 'registering', card: phase.card, request: phase.request }, (v) => v.t.registering);
    let outcome;
    this.writingUsage = true;
    try {
      outcome = await this.svc.register({ show, cardId: phase.card.id, request: phase.request, mode });
    } catch (e) {
      this.fail(await this.errorOf(e), 'register', phase.card.id);
      return;
    } finally {
      this.writingUsage = false;
      this.capSeq++; // a tally asked for before or during the write is stale
    }
    if (outcome.kind === 'refused') {
      this.toPhase({ ...phase, blocking: outcome.reasons }, SILENT, reasonsText(outcome.reasons));
      void this.refreshCap();
      this.emitError({
        code: outcome.reasons[0]?.code ?? 'refused',
        stage: 'register',
        cardId: phase.card.id,
      });
      return;
    }
    this.given.add(`${show.id}|${mode}|${phase.card.id}`);
    const done: Phase = {
      name: 'done',
      outcome: outcome.kind,
      cardId: phase.card.id,
      request: phase.request,
    };
    if (outcome.kind === 'registered') {
      if (outcome.cap) this.capState = outcome.cap;
      else void this.refreshCap();
      this.toPhase(done, (v) => `${v.t.registeredHeading}. ${ticketSummary(v, phase.request)}`);
      this.host.dispatch(new KaikuUsageRegisteredEvent({ ...detail, usageId: outcome.usageId }));
    } else {
      // At once on screen: the last count plus this usage; then the outbox's count (server + unsent) replaces it.
      const cap = this.capState;
      if (cap) this.capState = { ...cap, given: cap.given + decision.countedAgainstCap };
      void this.refreshCap();
      const queued: Phase = outcome.recordId ? { ...done, recordId: outcome.recordId } : done;
      this.toPhase(queued, (v) => `${v.t.queuedHeading}. ${v.t.queuedDetail}`);
      this.host.dispatch(
        new KaikuUsageQueuedEvent({ ...detail, pending: outcome.pending, reason: outcome.reason }),
      );
    }
  }

  // ---- the rest of the flow ----

  /** Back to ready, dropping the card on screen. */
  reset(): void {
    this.lookupAbort?.abort();
    this.toPhase({ name: 'ready' });
  }

  // ---- a card decided offline, verified when Kaikukanta answers again ----

  /** While the card on screen was decided without Kaikukanta, it is looked up again every `RECHECK_MS`. */
  private scheduleRecheck(): void {
    clearTimeout(this.recheckTimer);
    this.recheckTimer = undefined;
    const p = this.current;
    if (p.name === 'card' && p.card.fromCache)
      this.recheckTimer = setTimeout(() => void this.recheck(), RECHECK_MS);
  }

  /**
   * The connection may be back (an `online` event, a sync that got through, the timer): the card on screen that
   * was decided offline is looked up again. Verified, it updates in place (the tickets chosen stay); refused, its
   * reasons replace the form; still no answer, it waits for the next try. Nothing is registered.
   */
  async recheck(): Promise<void> {
    const p = this.current;
    const show = this.host.show();
    if (p.name !== 'card' || !p.card.fromCache || !show || this.rechecking) return;
    this.rechecking = true;
    let outcome: LookupOutcome;
    try {
      outcome = await this.svc.lookupCard(p.card.id);
    } catch (e) {
      outcome = { ok: false, error: await this.errorOf(e), notFound: false };
    } finally {
      this.rechecking = false;
    }
    const now = this.current;
    // The clerk has moved on (another card, registering, done): the answer no longer belongs on screen.
    if (now.name !== 'card' || now.card.id !== p.card.id || !now.card.fromCache) return;
    if (outcome.ok && !outcome.card.fromCache) this.showCard(outcome.card, show, now.request, true);
    else if (!outcome.ok && outcome.notFound) this.notRegistered(outcome.error, p.card.id);
    else this.scheduleRecheck();
  }

  /** The browser is online again: send what waits, and verify a card on screen that was decided offline. */
  async online(): Promise<void> {
    void this.recheck();
    void this.refreshCap(); // a signed-in request: says whether Kaikukanta answers, and takes this terminal's sign-in
    await this.syncNow();
  }

  /** Esc: drops the card, the result or the error on screen; false when there is nothing to drop. */
  escape(): boolean {
    if (!['card', 'error', 'done', 'looking-up'].includes(this.current.name)) return false;
    this.reset();
    return true;
  }

  /** "Try again" on an error: the same card again, or back to ready. */
  retry(): void {
    const phase = this.current;
    if (phase.name === 'error' && phase.retryCardId) void this.lookUp(phase.retryCardId);
    else this.reset();
  }

  /** The wedge listener refused a reading. */
  inputError(reason: Reason): void {
    this.set(() => {
      if (this.current.name === 'ready') this.manualError = reason;
      this.alert = (v) => v.text(reason.message);
    });
    this.emitError({ code: reason.code, stage: 'input' });
  }

  /** A part loaded on demand (a language's strings) did not come: the host hears it, as for any failure. */
  partFailed(): void {
    this.emitError({ code: 'element-load-failed', stage: 'config' });
  }

  cameraFailed(error: ServiceError): void {
    this.set(() => {
      this.alert = (v) => v.text(error.message);
      this.cameraError = { code: error.code, message: error.message };
    });
    this.emitError({ code: error.code, stage: 'camera' });
  }

  clearCameraError(): void {
    this.set(() => (this.cameraError = undefined));
  }

  /** The outbox changed (a sync ran, a usage was queued or refused): follow a queued usage on screen. */
  outboxChanged(state: OutboxState): void {
    const before = this.outboxState;
    // A sign-in refused is its own state: said at once, and the host told once per failure (`statusChanges`).
    if (state.authFailure && state.authFailure !== before.authFailure) this.alert = (v) => v.t.signInFailed;
    const { sync, errors } = statusChanges(this.outboxKnown ? before : undefined, state);
    errors.forEach((e) => this.emitError(e));
    const changed =
      state.pending !== before.pending || state.needsAttention.length !== before.needsAttention.length;
    this.set(() => {
      this.outboxState = state;
      this.outboxKnown = true;
      this.followQueued(state);
    });
    // Something got through: Kaikukanta answers again.
    if (state.pending < before.pending) void this.recheck();
    if (sync) this.host.dispatch(new KaikuSyncEvent(sync));
    if (changed) void this.refreshCap();
  }

  /**
   * A queued usage on screen that has since been sent, or refused by Kaikukanta: the screen says which (the clerk
   * may still be looking, and a refusal means the ticket has to be settled with the customer).
   */
  private followQueued(state: OutboxState): void {
    const p = this.current;
    if (p.name !== 'done' || p.outcome !== 'queued' || !p.recordId || !state.pendingIds) return;
    if (state.pendingIds.includes(p.recordId)) return;
    const refused = state.needsAttention.find((i) => i.id === p.recordId);
    if (refused) {
      this.current = { ...p, outcome: 'refused-later', reason: refused.reason };
      this.alert = (v) => `${v.t.refusedLaterHeading}. ${v.text(refused.reason.message)}`;
      return;
    }
    this.current = { ...p, outcome: 'registered' };
    this.polite = (v) => v.t.registeredHeading;
  }

  /** The show changed: its tally is unknown until fetched. */
  showChanged(): void {
    this.set(() => (this.capState = undefined));
  }

  /** Fetches the show's tally; keeps the last one (or the configured cap) when it cannot. */
  async refreshCap(): Promise<void> {
    const show = this.host.show();
    if (!show) {
      this.set(() => (this.capState = undefined));
      return;
    }
    const fallback: CapState | undefined =
      show.cap === undefined ? undefined : { cap: show.cap, given: 0, unknown: true };
    const seq = ++this.capSeq;
    let got: CapState | undefined;
    try {
      got = await this.svc.capState(show);
    } catch {
      got = undefined;
    }
    if (seq !== this.capSeq || this.writingUsage) return;
    if (this.host.show()?.id === show.id) this.set(() => (this.capState = got ?? this.capState ?? fallback));
  }

  /** Sends queued usages now. */
  async syncNow(): Promise<void> {
    try {
      await this.svc.syncNow();
    } catch (e) {
      this.fail(await this.errorOf(e), 'sync');
    }
  }

  async resolveAttention(id: string): Promise<void> {
    try {
      await this.svc.resolveAttention(id);
    } catch (e) {
      this.fail(await this.errorOf(e), 'sync');
    }
  }

  /** The usage report could not be produced: shown and reported like any other failure. */
  async exportFailed(e: unknown): Promise<void> {
    this.fail(await this.errorOf(e), 'sync');
  }

  dispose(): void {
    this.lookupAbort?.abort();
    clearTimeout(this.recheckTimer);
  }
}
