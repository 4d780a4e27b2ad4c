import {
  ApiProblemError,
  createApiClient,
  createHttpTransport,
  readProblemReasons,
} from '@kaiku-scanner/core';
import type { ApiClient } from '@kaiku-scanner/core';
import { createOutbox, createRegister, type Outbox, type Register } from '@kaiku-scanner/core/outbox';
import type { LocalTally } from '@kaiku-scanner/core/outbox';
import type {
  CapState,
  ConflictItem,
  CoreServicesOptions,
  LookupOutcome,
  OutboxState,
  RegisterOutcome,
  ShowContext,
  UsageInput,
} from './types.js';
import { elementError, elementText, loadLateTexts, textOf, toServiceError } from '../messages/index.js';
import { SIGN_IN_CODES, watchConnection } from './watch-connection.js';
import type { ComposedServices } from './create-core-services.js';
import { KaikukantaConnection } from './connection.js';
import { OutboxStateReader, refusalReasons, refusedMembers, venueRegisters } from './outbox-state-reader.js';
import { RegisterServices } from './register-services.js';
import { cardKindOf, decideWithCore, toUsage, uncheckedCard } from './usage-mapping.js';

/** Retention shorter than the core's 24 h: the tally is refreshed after each usage (1 h), and a card decides
 * offline within a working day (8 h: a booking at noon, its collection in the evening). */
export const ELEMENT_RETENTION = { retentionMs: 60 * 60_000, cardCacheTtlMs: 8 * 60 * 60_000 } as const;

/** The API client, or why the base URL cannot make one (plain http to another machine, or malformed). */
function clientFor(options: CoreServicesOptions, heard: KaikukantaConnection['heard']) {
  const baseUrl = options.baseUrl || 'http://localhost/';
  const insecure = options.allowInsecureHttp ? { allowInsecureHttp: true } : {};
  try {
    const transport = watchConnection(createHttpTransport({ baseUrl, ...insecure }), heard);
    return { client: createApiClient({ baseUrl, getToken: options.getToken, transport, ...insecure }) };
  } catch (error) {
    return { error };
  }
}

/** The services against Kaikukanta; a register kept before the API was set up is offered to it (sent or exported). */
class ApiServices implements ComposedServices {
  readonly #connection: KaikukantaConnection;
  readonly #client: ApiClient | undefined;
  readonly #configError: unknown;
  readonly #outbox: Outbox | undefined;
  readonly #state: OutboxStateReader | undefined;
  readonly #register: Register | undefined;
  /** Per card on screen: whether its last look-up was decided without the server (memory only). */
  readonly #provisional = new Map<string, boolean>();
  /** Usages registered without the outbox (no storage): undone by the client, not through an outbox record. */
  readonly #online = new Set<string>();
  /** The show of the last tally asked for: its tally is the signed-in request that checks the connection. */
  #lastShow: string | undefined;
  /** This terminal's usages of that show another terminal admitted too, as its last tally said; those staff saw. */
  #conflicts: readonly ConflictItem[] = [];
  readonly #seen = new Set<string>();

  constructor(
    private readonly options: CoreServicesOptions,
    private readonly changed: (state: OutboxState) => void,
  ) {
    this.#connection = new KaikukantaConnection(
      () => this.#probe(),
      () => this.#notify(),
    );
    const made = clientFor(options, this.#connection.heard);
    this.#client = made.client;
    this.#configError = made.error;
    if (options.baseUrl === '' || !this.#client) return;
    const { venueId, terminalName } = options;
    this.#outbox = createOutbox({
      client: this.#client,
      // Bound to this API and venue: its usages, card records and tallies are never another target's.
      target: { baseUrl: options.baseUrl, ...(venueId ? { venueId } : {}) },
      retentionMs: options.retentionMs ?? ELEMENT_RETENTION.retentionMs,
      cardCacheTtlMs: options.cardCacheTtlMs ?? ELEMENT_RETENTION.cardCacheTtlMs,
      ...(options.offlinePolicy ? { offlinePolicy: options.offlinePolicy } : {}),
      ...(options.databaseName ? { databaseName: options.databaseName } : {}),
    });
    // What this terminal kept without Kaikukanta (registry="none" earlier): only its own venue and terminal.
    this.#register =
      venueId && terminalName ? createRegister({ venueId, terminal: terminalName }) : undefined;
    const registers = venueRegisters(venueId);
    this.#state = new OutboxStateReader(this.#outbox, this.#connection, this.#register, registers);
    const outbox = this.#outbox;
    outbox.addEventListener('outbox-change', () => this.#notify());
    outbox.addEventListener('outbox-needs-attention', () => this.#notify());
    // A sync that stops on a failing token provider sends no request: its code says it.
    outbox.addEventListener('outbox-sync', (e) => {
      const { failure } = e.detail;
      if (failure && SIGN_IN_CODES.has(failure)) this.#connection.heard('signed-out', failure);
    });
    // At start: is Kaikukanta there at all (the show's first tally, or a look-up, tells the sign-in).
    this.#probe();
  }

  #probe(): void {
    const outbox = this.#outbox;
    if (outbox && this.#lastShow) void this.#tally(outbox, this.#lastShow).catch(() => undefined);
    else if (outbox) void this.#client!.health().catch(() => undefined);
  }

  #notify(): void {
    void this.outboxState().then(this.changed, () => undefined);
  }

  /** The outbox, or the reason there is none: the client's refusal of the base URL, or no base URL at all. */
  #ready(): Outbox {
    if (this.#outbox) return this.#outbox;
    if (this.options.baseUrl !== '' && this.#configError !== undefined) throw this.#configError;
    throw elementError('element-not-configured', 'base-url is not set');
  }

  async lookupCard(cardId: string, signal?: AbortSignal, showId?: string): Promise<LookupOutcome> {
    const outbox = this.#ready();
    // A venue's register holds no card data: the card is what the terminal knows, its usage the register's to decide.
    if (this.options.registry === 'venue') return { ok: true, card: uncheckedCard(cardId) };
    const { venueId } = this.options;
    const forShow = showId && venueId ? { forShow: { venueId, showId } } : {};
    try {
      const check = await outbox.checkCard(cardId, { ...forShow, ...(signal ? { signal } : {}) });
      // Decided without Kaikukanta (cache or format alone): the usage is recorded as provisional.
      this.#provisional.set(cardId, check.ok && check.provisional);
      if (!check.ok) {
        // Its text once the services' texts are in (they load with this module); a generic one for an unknown code.
        await loadLateTexts();
        const message = textOf(check.code) ?? elementText('unexpected');
        return { ok: false, notFound: false, error: { code: check.code, message } };
      }
      if (check.source !== 'server') this.#connection.heard('unreachable');
      const card = check.card;
      return {
        ok: true,
        card: {
          id: cardId,
          kind: cardKindOf(cardId),
          status: card?.status ?? 'unverified',
          validUntil: card?.validUntil ?? '',
          minors: card?.minors ?? 0,
          fromCache: check.source !== 'server',
          ...(card?.booking ? { booking: card.booking } : {}),
        },
      };
    } catch (e) {
      await loadLateTexts().catch(() => undefined);
      const error = toServiceError(e);
      if (SIGN_IN_CODES.has(error.code)) this.#connection.heard('signed-out', error.code);
      return { ok: false, error, notFound: error.code === 'card-not-registered' };
    }
  }

  // What this terminal knows of the card's usages for the show: the flow's (this session) and the outbox's.
  readonly decide: ComposedServices['decide'] = (input) => decideWithCore(input, this.#state?.queued);

  /** No storage, no outbox: straight to Kaikukanta under one key; no answer means not registered (an error). */
  async #registerOnline(u: UsageInput): Promise<RegisterOutcome> {
    try {
      const key = globalThis.crypto.randomUUID();
      const usage = await this.#client!.registerUsage(toUsage(this.options, u), { idempotencyKey: key });
      this.#online.add(usage.usageId);
      return { kind: 'registered', usageId: usage.usageId };
    } catch (e) {
      if (e instanceof ApiProblemError) return { kind: 'refused', reasons: readProblemReasons(e.problem) };
      throw e;
    }
  }

  async register(u: UsageInput): Promise<RegisterOutcome> {
    const outbox = this.#ready();
    if (await this.#state!.storage.down()) return this.#registerOnline(u);
    const acceptance = this.#provisional.get(u.cardId) === false ? 'online' : 'provisional';
    const record = await outbox.enqueue(toUsage(this.options, u), { acceptance });
    await outbox.syncNow().catch(() => undefined);
    const { pending, needsAttention: attention } = await outbox.openRecords(); // one read: see the state reader
    const refused = attention.find((r) => r.id === record.id);
    if (refused) {
      // Refused while the clerk looks on: the screen says why, and that settles it. "Needs attention" (and its
      // usage report) is for usages queued offline and refused later, which no one has seen refused.
      await outbox.resolve(record.id, 'dismissed').catch(() => undefined);
      this.#notify();
      return { kind: 'refused', reasons: refusalReasons(refused) };
    }
    if (pending.some((r) => r.id === record.id))
      return { kind: 'queued', reason: 'network', pending: pending.length, recordId: record.id };
    const cap = await this.capState(u.show).catch(() => undefined);
    return { kind: 'registered', usageId: record.id, ...(cap ? { cap } : {}) };
  }

  /** The show's tally, fresh from the server where it answers; its conflicts are the screen's. */
  async #tally(outbox: Outbox, showId: string): Promise<LocalTally> {
    const tally = await outbox.showTally(showId, { refresh: true });
    const next = tally.conflicts.map(({ recordId, cardId, showName, terminal, clientTime }) => ({
      id: recordId,
      cardId,
      showName,
      at: clientTime,
      ...(terminal ? { terminal } : {}),
    }));
    if (showId === this.#lastShow && JSON.stringify(next) !== JSON.stringify(this.#conflicts)) {
      this.#conflicts = next;
      this.#notify();
    }
    return tally;
  }

  async capState(show: ShowContext): Promise<CapState | undefined> {
    const outbox = this.#outbox;
    if (!outbox) return show.cap === undefined ? undefined : { cap: show.cap, given: 0, unknown: true };
    this.#lastShow = show.id;
    const tally = await this.#tally(outbox, show.id);
    const cap = show.cap ?? tally.cap ?? null;
    return { cap, given: tally.ticketsGiven, ...(tally.server ? {} : { unknown: true }) };
  }

  async outboxState(): Promise<OutboxState> {
    if (!this.#state) return { pending: 0, needsAttention: [], ...this.#connection.said };
    const conflicts = this.#conflicts.filter((c) => !this.#seen.has(c.id));
    return { ...(await this.#state.read()), ...(conflicts.length > 0 ? { conflicts } : {}) };
  }

  async syncNow(): Promise<void> {
    if (!this.#outbox) return;
    await this.#outbox.syncNow();
    this.#notify();
  }

  async registerRest(id: string): Promise<void> {
    const outbox = this.#outbox;
    const record = (await outbox?.needsAttention())?.find((r) => r.id === id);
    const refused = record && refusedMembers(record);
    if (!outbox || !record?.usage.group || !refused) return;
    // The visit as it happened (its time, its show), without the members Kaikukanta refused.
    const memberCardIds = record.usage.group.memberCardIds.filter((m) => !refused.includes(m));
    const usage = { ...record.usage, group: { ...record.usage.group, memberCardIds } };
    await outbox.enqueue(usage, { acceptance: record.acceptance });
    await outbox.resolve(id, 'dismissed');
    await outbox.syncNow().catch(() => undefined);
    this.#notify();
  }

  async voidUsage(id: string): Promise<'removed' | 'voided' | 'void-queued' | 'nothing-to-void'> {
    const outbox = this.#ready();
    if (this.#online.has(id)) {
      await this.#client!.voidUsage(id);
      return 'voided';
    }
    const done = await outbox.voidUsage(id);
    // The waiting usages `decide` reads are fresh before the clerk's next card: an undone one is no earlier usage.
    await this.outboxState().then(this.changed, () => undefined);
    return done.kind;
  }

  async resolveAttention(id: string): Promise<void> {
    if (!this.#outbox) return;
    // A conflict is a usage that stands: seen, it leaves the list (until a reload), and the record stays as it is.
    if (this.#conflicts.some((c) => c.id === id)) this.#seen.add(id);
    else await this.#outbox.resolve(id, 'dismissed');
    this.#notify();
  }

  async exportCsv(): Promise<string> {
    return this.#outbox ? this.#outbox.exportCsv() : '';
  }

  /** The usages kept without Kaikukanta, as the file for its import instead of sending them. */
  async exportReport(...[format, locale, save, again]: Parameters<ComposedServices['exportReport']>) {
    if (!this.#register) throw elementError('element-not-configured', 'terminal-name is not set');
    return this.#register
      .export({ format, locale, save, ...(again ? { again } : {}) })
      .finally(() => this.#notify());
  }

  /** The usages kept without Kaikukanta, sent through the outbox instead (each once, never also exported). */
  async handOverRegister(): Promise<number> {
    const outbox = this.#ready();
    const sent = this.#register ? await this.#register.handOver(outbox) : 0;
    await outbox.syncNow().catch(() => undefined);
    this.#notify();
    return sent;
  }

  async acknowledgeLoss(): Promise<void> {
    this.#state?.storage.acknowledgeLoss();
    this.#notify();
  }

  dispose(): void {
    this.#connection.dispose();
    this.#outbox?.stop();
  }
}

/** The default services: `ApiServices`, or `RegisterServices` with `registry: 'none'`; loaded with `import()`. */
export function composeCoreServices(
  options: CoreServicesOptions,
  /** Called with the new state whenever the outbox changes (the wrapper fans it out to `onOutboxChange`). */
  changed: (state: OutboxState) => void,
): ComposedServices {
  void loadLateTexts().catch(() => undefined);
  return options.registry === 'none'
    ? new RegisterServices(options, changed)
    : new ApiServices(options, changed);
}
