import { isKaikuError, readProblemReasons } from '@kaiku-scanner/core';
import {
  createRegister,
  isOpenRegisterRecord,
  type Register,
  type RegisterRecord,
  type ShiftUsage,
} from '@kaiku-scanner/core/outbox';
import type {
  CapState,
  CoreServicesOptions,
  LookupOutcome,
  OutboxState,
  RegisterOutcome,
  ShowContext,
  UsageInput,
} from './types.js';
import type { ComposedServices } from './create-core-services.js';
import { elementError } from '../messages/index.js';
import { DeviceStorage } from './storage-health.js';
import { decideWithCore, toUsage, uncheckedCard } from './usage-mapping.js';
import { inOrder, refusalReasons } from './outbox-state-reader.js';

/** A kept usage as the shift lists it (undone in Kaikukanta only once `closed`: in a file or sent). */
const shiftUsage = (r: RegisterRecord): ShiftUsage & { closed?: true } => ({
  ...r.usage,
  ...{ id: r.id, at: new Date(r.createdAt).toISOString(), state: 'registered' as const },
  ...(isOpenRegisterRecord(r) ? {} : { closed: true as const }),
});

/** The services without Kaikukanta (`registry: 'none'`): the rules decide on what this terminal knows, and every
 * usage is kept in the device's register until exported for Kaikukanta's import (docs/register.md). */
export class RegisterServices implements ComposedServices {
  readonly #register: Register | undefined;
  /** Whether this device can keep the register's usages, and how many it lost. */
  readonly #storage: DeviceStorage;
  /** The register's usages as last read (`decide` is synchronous). */
  #kept: readonly RegisterRecord[] = [];

  constructor(
    private readonly options: CoreServicesOptions,
    private readonly changed: (state: OutboxState) => void,
  ) {
    const { venueId, terminalName: terminal } = options;
    this.#storage = new DeviceStorage(`kaiku-register ${venueId} ${terminal}`);
    this.#register = venueId && terminal ? createRegister({ venueId, terminal }) : undefined;
    // The usages are only on this device until exported: ask the browser to keep them (said when it does not).
    void this.#storage.askToKeep().then(() => this.#notify());
    void this.#register?.purge().then(
      () => this.#notify(),
      () => this.#notify(),
    );
  }

  #ready(): Register {
    if (this.#register) return this.#register;
    throw elementError('element-not-configured', 'registry="none" needs venue-id and terminal-name');
  }

  #notify(): void {
    void this.outboxState().then(this.changed, () => undefined);
  }

  async lookupCard(cardId: string): Promise<LookupOutcome> {
    this.#ready();
    // Not asked of Kaikukanta: status and minors are the card's, as the clerk reads them from it.
    return { ok: true, card: uncheckedCard(cardId) } as const;
  }

  // One usage per card and show on this terminal: the flow's (this session) and the register's (kept).
  readonly decide: ComposedServices['decide'] = (input) =>
    decideWithCore(
      input,
      this.#kept.map(({ usage }) => usage),
    );

  async register(u: UsageInput): Promise<RegisterOutcome> {
    let record;
    try {
      record = await this.#ready().record(toUsage(this.options, u));
    } catch (e) {
      // Another tab recorded this card for this show first (the register checks and writes in one step).
      if (!isKaikuError(e) || e.code !== 'already-used') throw e;
      this.#notify();
      return { kind: 'refused', reasons: readProblemReasons({ code: e.code, reasons: [e] }) };
    }
    const cap = await this.capState(u.show);
    this.#notify();
    return { kind: 'registered', usageId: record.id, recordedOn: 'terminal', ...(cap ? { cap } : {}) };
  }

  async capState(show: ShowContext): Promise<CapState | undefined> {
    const tally = await this.#ready().tally(show.id);
    return { cap: show.cap ?? null, given: tally.ticketsGiven, countedOn: 'terminal' };
  }

  readonly outboxState = inOrder(() => this.#read());

  async #read(): Promise<OutboxState> {
    await this.#storage.check();
    this.#kept = this.#register ? await this.#register.usages() : [];
    const open = this.#kept.filter(isOpenRegisterRecord).length;
    const files = [...new Set(this.#kept.flatMap((r) => r.exportedTo ?? []))];
    // A record whose seal failed is never exported nor listed as recorded: staff see it, with its reason.
    const usages = this.#kept.filter((r) => !r.problem).map(shiftUsage);
    const needsAttention = this.#kept.flatMap((r) =>
      r.problem
        ? [{ id: r.id, cardId: r.usage.cardId, showName: r.usage.show.name, reason: refusalReasons(r)[0]! }]
        : [],
    );
    return {
      pending: 0,
      needsAttention,
      ...(await this.#storage.facts(open)),
      register: { open, mode: 'register', usages, files },
    };
  }

  async voidUsage(id: string): Promise<'removed'> {
    const done = await this.#ready().voidUsage(id);
    this.#notify();
    return done;
  }

  async exportReport(...[format, locale, save, again]: Parameters<ComposedServices['exportReport']>) {
    return this.#ready()
      .export({ format, locale, save, ...(again ? { again } : {}) })
      .finally(() => this.#notify());
  }

  async acknowledgeLoss(): Promise<void> {
    this.#storage.acknowledgeLoss();
    this.#notify();
  }

  // Nothing is sent, queued or refused later without an API.
  syncNow = async (): Promise<void> => undefined;
  async resolveAttention(id: string): Promise<void> {
    await this.#ready().dismiss(id);
    this.#notify();
  }
  registerRest = async (): Promise<void> => undefined;
  exportCsv = async (): Promise<string> => '';
  handOverRegister = async (): Promise<number> => 0;
  dispose(): void {}
}
