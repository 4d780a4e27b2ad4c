import { readProblemReasons, type OutboxRecord } from '@kaiku-scanner/core';
import {
  createRegister,
  isOpenRegisterRecord,
  type Outbox,
  type Register,
  type RegisterRecord,
} from '@kaiku-scanner/core/outbox';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import type { AttentionItem, OutboxState, Reason } from './types.js';
import type { KaikukantaConnection } from './connection.js';
import { textOf } from '../messages/index.js';
import { DeviceStorage } from './storage-health.js';

/** Why Kaikukanta refused a queued usage, params checked against the message (`readProblemReasons`): no holes. */
export function refusalReasons(record: OutboxRecord): Reason[] {
  const code = record.problem?.code ?? 'refused';
  // The outbox's own code (a record changed outside it) is not one of Kaikukanta's refusals.
  const own = code === 'record-tampered' ? textOf(code) : undefined;
  return own ? [{ code, message: own }] : readProblemReasons(record.problem ?? { code });
}

/** The group members Kaikukanta refused, when nothing else was and someone stays: the rest can be registered. */
export function refusedMembers({ usage, problem }: OutboxRecord): string[] | undefined {
  const members = usage.group?.memberCardIds ?? [];
  const reasons = problem?.reasons ?? [];
  const refused = new Set(reasons.map((r) => members[Number(r.params?.['position']) - 1]));
  const left = members.length - refused.size + (usage.group?.under16Clients ?? 0);
  const onlyMembers = reasons.every((r) => r.code.startsWith('group-member-')) && !refused.has(undefined);
  return reasons.length > 0 && onlyMembers && left > 0
    ? [...refused].filter((id) => id !== undefined)
    : undefined;
}

/** The reasons of one refusal as the one reason a needs-attention row shows (all texts, first code). */
function oneReason(reasons: readonly Reason[]): Reason {
  const join = (l: 'fi' | 'sv' | 'en'): string => reasons.map((r) => r.message[l]).join(' ');
  return { code: reasons[0]?.code ?? 'refused', message: { fi: join('fi'), sv: join('sv'), en: join('en') } };
}

/**
 * The venue's registers on this device, under any terminal name (the default store's databases, `kaiku-register
 * <venue> <terminal>`): a page with another, or no, terminal name would not offer their usages to send.
 */
export async function venueRegisters(venueId: string): Promise<Register[]> {
  const prefix = `kaiku-register ${venueId} `;
  const found = venueId ? ((await globalThis.indexedDB?.databases?.().catch(() => [])) ?? []) : [];
  return found.flatMap(({ name = '' }) => {
    try {
      return name.startsWith(prefix)
        ? [createRegister({ venueId, terminal: name.slice(prefix.length) })]
        : [];
    } catch {
      return []; // not a name a register takes: not one of ours
    }
  });
}

/**
 * `read`, one call at a time in the order asked: reads that overlap (a change's notice while another's read is under
 * way) would finish in any order, and the older state delivered last would stay on screen — a file or an undone usage
 * that is no longer so.
 */
export function inOrder<T>(read: () => Promise<T>): () => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return () => {
    const next = last.then(read);
    last = next.catch(() => undefined);
    return next;
  };
}

/** Reads the outbox as the status row shows it, and keeps the waiting usages for the synchronous `decide`. */
export class OutboxStateReader {
  /** The usages waiting in the outbox, as last read. */
  queued: readonly UsageRequest[] = [];
  /** Whether this device can keep usages, and how many it lost: checked at start and again at every read. */
  readonly storage: DeviceStorage;

  constructor(
    private readonly outbox: Outbox,
    private readonly connection: KaikukantaConnection,
    private readonly register: Register | undefined,
    /** The venue's registers on this device (`venueRegisters`). */
    private readonly registers: Promise<readonly Register[]> = Promise.resolve([]),
  ) {
    this.storage = new DeviceStorage(outbox.databaseName);
    void this.storage.check();
  }

  readonly read = inOrder(() => this.#read());

  async #read(): Promise<OutboxState> {
    await this.storage.check();
    const down = await this.storage.down();
    // One outbox read for both lists: a sync landing between two reads would count a usage twice or never.
    const [{ pending, needsAttention: attention }, records] = down
      ? [{ pending: [], needsAttention: [] }, []] // nothing can wait on this device
      : await Promise.all([this.outbox.openRecords(), this.register?.usages().catch(() => []) ?? []]);
    this.queued = pending.filter((r) => r.voidRequestedAt === undefined).map((r) => r.usage);
    const unsent = await this.#unsent();
    const open = pending.length + records.filter(isOpenRegisterRecord).length;
    const kept = { ...this.connection.said, ...(await this.storage.facts(down ? undefined : open)) };
    const needsAttention: AttentionItem[] = attention.map((r) => ({
      id: r.id,
      cardId: r.usage.cardId,
      showName: r.usage.show.name,
      reason: oneReason(refusalReasons(r)),
      ...(refusedMembers(r) ? { refusedMembers: refusedMembers(r) } : {}),
    }));
    return {
      pending: pending.length,
      pendingIds: pending.map((r) => r.id),
      needsAttention,
      ...kept,
      ...(records.length > 0
        ? { register: { ...this.#registerCounts(records), mode: 'hand-over' as const } }
        : {}),
      ...(unsent.length > 0 ? { unsent } : {}),
    };
  }

  /** The venue's register usages on this device neither sent nor exported, by terminal name. */
  async #unsent(): Promise<{ terminal: string; open: number }[]> {
    const count = async (r: Register) => ({
      terminal: r.terminal,
      open: (await r.usages({ open: true }).catch(() => [])).length,
    });
    return (await Promise.all((await this.registers).map(count))).filter((u) => u.open > 0);
  }

  #registerCounts(kept: readonly RegisterRecord[]): { open: number; exported: number } {
    const exported = kept.filter((r) => r.exportedAt !== undefined).length;
    return { open: kept.filter(isOpenRegisterRecord).length, exported };
  }
}
