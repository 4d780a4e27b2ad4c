import type { Reason, TicketRequest } from '../services/types.js';
import { Screen, type FlowHost } from './screen.js';
import type { Steps } from './step-flow.js';
import type { CardLookup, Group, Registration, Undo } from './card-actions.js';
import { Task } from './task.js';
import { lazyModule } from '../lazy-module.js';
import { SyncFollow } from './sync.js';
import type { ScanSource } from '../events.js';

export type { FlowHost } from './screen.js';

/** The group form and registration: needed only once a card is on screen, so they load with the card panel. */
const cardActions = lazyModule(() => import('./card-actions.js'));

/** A card ID read (and well-formed); `duplicate`: the reader read the same card again moments ago. */
type Reading = { readonly id: string; readonly source: ScanSource; readonly duplicate: boolean };

/**
 * The look-up → tickets → register flow of one terminal, one step at a time; a reading during a step waits (the
 * newest; one it replaces is reported as `reading-replaced`). No DOM, so it runs in Node.
 */
export class ScanFlow extends Screen {
  private readonly looking = new Task();
  /** Set once `load()` has brought them (before any card reaches the screen). */
  private cards: CardLookup | undefined;
  private group: Group | undefined;
  private registration: Registration | undefined;
  /** What waits in the outbox: the status row's facts, sending, resolving. */
  readonly sync: SyncFollow = new SyncFollow(this, () => void this.recheck(), cardActions);
  /** Undoing usages (loaded with the card actions, before any result is on screen). */
  #undo: Undo | undefined;

  /** The step under way (a look-up), settled once what it started has been taken up. */
  private step: Promise<void> | undefined;
  private next: Reading | undefined;

  constructor(host: FlowHost) {
    super(host);
    this.tally.onChange = () => this.cards?.capChanged();
  }

  /** The card panel and the flow's card actions (started in the background when the element connects). */
  async load(): Promise<void> {
    const [m] = await Promise.all([cardActions.load(), this.host.loadCardViews()]);
    this.loadedRules ??= new m.Rules(this);
    this.cards ??= new m.CardLookup(this);
    this.group ??= new m.Group(this);
    this.registration ??= new m.Registration(this);
    this.#undo ??= new m.Undo(this);
  }

  protected override get cardSteps(): Steps | undefined {
    return cardActions.get()?.CARD_STEPS;
  }

  get undo(): Undo | undefined {
    return this.#undo;
  }

  /** Undoes a usage by its handle (the shift list's action, the host's `voidUsage`). */
  async voidUsage(handle: string): ReturnType<Undo['voidUsage']> {
    await this.load();
    return this.#undo!.voidUsage(handle);
  }

  /** Group members looked up without Kaikukanta (shown as not verified). */
  get unverified(): ReadonlySet<string> {
    return this.group?.unverified ?? new Set();
  }
  /** The card ID read while a step ran, looked up when it ends (the screen shows its last digits). */
  get waiting(): string | undefined {
    return this.next?.id;
  }

  /** True once after a phase change: the element moves focus to the new phase's first control. */
  takeFocus(): boolean {
    const wanted = this.focusWanted;
    this.focusWanted = false;
    return wanted;
  }

  private get busy(): boolean {
    return this.step !== undefined || this.registration?.running === true;
  }

  /** A reading from the wedge, the camera, the typed field or the host's `submitCardId`. */
  read(raw: string, source: ScanSource, duplicate = false): void {
    const parsed = this.svc.parseCardId(raw);
    if (parsed.ok) this.accept({ id: parsed.id, source, duplicate });
    else this.refuse(parsed.reason, source);
  }

  /** The group form's value: a member's card ID, or empty (Enter on the empty field registers). */
  submitMember(value: string): boolean {
    if (value === '') {
      void this.confirm();
      return false;
    }
    const parsed = this.svc.parseCardId(value);
    if (parsed.ok) this.accept({ id: parsed.id, source: 'manual', duplicate: false });
    else this.apply({ type: 'refused', reason: parsed.reason, where: 'group' });
    return parsed.ok;
  }

  /** A reading adds a member while a community card that may take a group is on screen (not the host's own). */
  private addsToGroup(source: ScanSource): boolean {
    const p = this.phase;
    return p.name === 'card' && p.card.kind === 'community' && p.blocking.length === 0 && source !== 'api';
  }

  /** A reading that is no card ID: under the group form, or under the typed field back on ready, and aloud. */
  private refuse(reason: Reason, source: ScanSource): void {
    const where = this.addsToGroup(source)
      ? 'group'
      : this.phase.name !== 'card' && !this.busy
        ? 'manual'
        : 'none';
    this.apply({ type: 'refused', reason, where, stage: 'input' });
  }

  private accept(reading: Reading): void {
    if (!this.busy) return this.take(reading);
    const lost = this.next && this.next.id !== reading.id ? this.next.id : undefined;
    this.next = reading;
    this.apply({ type: 'waiting', cardId: reading.id, lost });
  }

  private take({ id, source, duplicate }: Reading): void {
    const p = this.phase;
    const onScreen =
      p.name === 'card' ? p.card.id : p.name === 'done' && p.outcome !== 'voided' ? p.cardId : '';
    if (duplicate && id === onScreen) {
      // The card on screen read again: no second look-up nor registration prompt, just a calm word (an undone
      // usage's card is looked up: the clerk registers it anew).
      this.apply({ type: 'read-again', cardId: id });
      return;
    }
    const groupMember = this.addsToGroup(source);
    this.apply({ type: 'scan', detail: { cardId: id, source, groupMember } });
    this.run(groupMember && this.group ? this.group.add(id) : this.lookUpCard(id));
  }

  /** Runs a step; when it ends, the reading that waited (if any) is taken up. */
  private run(work: Promise<void>): void {
    const step: Promise<void> = work.finally(() => {
      if (this.step === step) this.step = undefined;
      this.takeWaiting();
    });
    this.step = step;
  }

  private takeWaiting(): void {
    const reading = this.next;
    if (!reading || this.busy) return;
    this.next = undefined;
    this.take(reading);
  }

  /** Looks a card up and puts it on screen with the rules' verdict (what a card needs loads meanwhile). */
  private async lookUpCard(cardId: string): Promise<void> {
    const show = this.host.show();
    if (!show) {
      this.apply({ type: 'no-show', cardId });
      return;
    }
    this.host.stopCamera();
    this.apply({ type: 'look-up', cardId });
    // Another till may have sold tickets for this show since: each customer is decided on the server's count (plus
    // this till's unsent usages), fetched alongside the card.
    const got = await this.looking
      .run(async (signal) => {
        const [outcome] = await Promise.all([this.lookUp(cardId, signal, show.id), this.tally.refresh()]);
        if (outcome.ok) await this.load();
        return outcome;
      })
      .catch(async (e: unknown) => ({
        value: { ok: false as const, error: await this.errorOf(e), notFound: false },
      }));
    if (!got) return; // reset, or another look-up took over
    const outcome = got.value;
    if (outcome.ok) this.cards?.show(outcome.card, show);
    else if (outcome.notFound) this.apply({ type: 'not-registered', error: outcome.error, cardId });
    else this.apply({ type: 'failed', error: outcome.error, stage: 'lookup', retryCardId: cardId, cardId });
  }

  setRequest(request: TicketRequest): void {
    this.apply({ type: 'request', request });
  }

  /** Registers the usage on screen, once; a member read just before Enter is part of it (its look-up ends first). */
  async confirm(): Promise<void> {
    const before = this.phase;
    if (before.name !== 'card' || this.registration?.running) return;
    while (this.step) await this.step;
    const p = this.phase;
    if (p.name === 'card' && p.card.id === before.card.id) await this.registration?.register();
    this.takeWaiting();
  }

  /** Back to ready, dropping the card on screen (a reading that waits is looked up next). */
  reset(): void {
    this.looking.abort();
    this.group?.member.abort();
    this.apply({ type: 'reset' });
  }

  /** Verifies a card on screen that was decided without Kaikukanta (see `CardLookup.recheck`). */
  recheck(): Promise<void> {
    return this.cards?.recheck() ?? Promise.resolve();
  }

  /** The browser is online again: send what waits, and verify a card on screen that was decided offline. */
  async online(): Promise<void> {
    void this.recheck();
    void this.tally.refresh(); // a signed-in request: says whether Kaikukanta answers, and takes this terminal's sign-in
    await this.sync.act(() => this.svc.syncNow());
  }

  /** Esc: drops the card, the result or the error on screen; false when there is nothing to drop. */
  escape(): boolean {
    if (!['card', 'error', 'done', 'looking-up'].includes(this.phase.name)) return false;
    this.reset();
    return true;
  }

  /** "Try again" on an error: the same card again, or back to ready. */
  retry(): void {
    const phase = this.phase;
    if (phase.name === 'error' && phase.retryCardId) this.run(this.lookUpCard(phase.retryCardId));
    else this.reset();
  }

  /** The wedge listener refused a reading. */
  inputError(reason: Reason): void {
    this.apply({
      type: 'refused',
      reason,
      where: this.phase.name === 'ready' ? 'manual' : 'none',
      stage: 'input',
    });
  }

  dispose(): void {
    this.looking.abort();
    this.cards?.dispose();
    this.group?.member.abort();
    this.tally.dispose();
  }
}
