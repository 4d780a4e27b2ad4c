/**
 * `createRegister`: a terminal without Kaikukanta. Every usage is kept whole on the device (or in a vendor's shared
 * store) until it is exported as the sales report Kaikukanta's import reads, or handed to an API's outbox once there
 * is one — never both. See docs/register.md.
 */
import { checkOptions, optionKeys } from '../errors/options-error.js';
import { KaikuError } from '../errors/kaiku-error.js';
import type { Locale } from '../messages/define.js';
import { OutboxError } from '../outbox/outbox-error.js';
import { newRecord, RECORD_TAMPERED } from '../outbox/record-store.js';
import { steadyClock } from '../outbox/steady-clock.js';
import { ticketsOf } from '../outbox/show-tally.js';
import type { ExportedReport } from '../reports/export-usage-report.js';
import { toHelsinki, usageRequestToReportRows } from '../reports/usage-report.js';
import { checkAlreadyUsed } from '../rules/already-used.js';
import { checkVoidWindow } from '../rules/check-void-window.js';
import { DEFAULT_POLICY } from '../policy/policies.js';
import type { UsageRequest } from '../schemas/api.js';
import {
  deviceRegisterStore,
  registerApi,
  type RegisterRecord,
  type RegisterStore,
  type UsedBy,
} from './register-store.js';

export type { RegisterRecord, RegisterStore, UsedBy };

/** Options of `createRegister`. An unknown option throws `OptionsError`. */
export type RegisterOptions = {
  /** The venue every usage is for (a usage for another is refused, `target-mismatch`). */
  readonly venueId: string;
  /** This terminal's name (≤ 40 characters, e.g. `Kassa 2`): its register, and the export says it. */
  readonly terminal: string;
  /** A shared register from a vendor's backend; default this device's IndexedDB (`deviceRegisterStore`). */
  readonly store?: RegisterStore;
  /** IndexedDB database of the default store. Default `kaiku-register <venue> <terminal>`. */
  readonly databaseName?: string;
  /** How long an exported or handed-over usage stays (tallies, re-export). Default 7 days. */
  readonly retentionMs?: number;
  /** The clock (epoch ms). Default `steadyClock()`: a device clock set back does not re-open an undo. */
  readonly now?: () => number;
};

const OPTIONS = optionKeys<RegisterOptions>()('venueId terminal store databaseName retentionMs now');

/** Which usages an export writes: a Helsinki day or period of the shows (`YYYY-MM-DD`, inclusive) or one show. */
export type RegisterExportOptions = {
  readonly format: 'csv' | 'xlsx';
  readonly locale?: Locale;
  readonly from?: string;
  readonly to?: string;
  readonly showId?: string;
  /** Also write usages exported before (`true`), or write the file of that name (`exportedTo`) again, alone. */
  readonly again?: boolean | string;
  /** Hands the file over (e.g. to a download); if it throws, nothing stays marked and the export rejects. */
  readonly save?: (file: RegisterExport) => void | Promise<void>;
};

/** An export: the file, and how many usages it holds (those it marked exported included). */
export type RegisterExport = ExportedReport & { readonly usages: number; readonly terminal: string };

/** What a register counts for a show: its usages and tickets, on this terminal (or the shared store). */
export type RegisterTally = { readonly usages: number; readonly ticketsGiven: number };

/** A record whose seal held (the device store's check): one that failed is never exported, handed over or purged. */
const sealed = (r: RegisterRecord): boolean => r.problem?.code !== RECORD_TAMPERED;

/** Whether a kept usage is still open: neither exported for Kaikukanta's import nor handed over to an API. */
export const isOpenRegisterRecord = (r: RegisterRecord): boolean =>
  r.exportedAt === undefined && r.handover === undefined && sealed(r);
const isOpen = isOpenRegisterRecord;

/** The export's title names the terminal: several terminals' files stay apart. */
const TERMINAL = { fi: 'pääte', sv: 'terminal', en: 'terminal' } as const;

/** A terminal's register of usages recorded without Kaikukanta. */
export class Register {
  /** The venue every usage is for. */
  readonly venueId: string;
  /** This terminal's name: its register, and what its exports say. */
  readonly terminal: string;
  readonly #store: RegisterStore;
  readonly #scope;
  readonly #now: () => number;
  readonly #retentionMs: number;

  /** See `createRegister`. */
  constructor(options: RegisterOptions) {
    checkOptions('createRegister', options, OPTIONS);
    const { venueId, terminal } = options;
    const bad: string[] = [];
    if (typeof venueId !== 'string' || venueId === '') bad.push('venueId');
    if (typeof terminal !== 'string' || terminal.trim() === '' || terminal.length > 40) bad.push('terminal');
    if (bad.length) throw new OutboxError('invalid-option', { params: { fields: bad.join(', ') } });
    this.venueId = venueId;
    this.terminal = terminal;
    this.#store = options.store ?? deviceRegisterStore(venueId, terminal, options.databaseName);
    this.#scope = { api: registerApi(terminal), venueId, key: `${registerApi(terminal)} ${venueId}` };
    this.#now = options.now ?? steadyClock();
    this.#retentionMs = Math.max(0, options.retentionMs ?? 7 * 86_400_000);
  }

  /**
   * Keeps a usage durably (resolves only once it is stored) with this terminal's name. Only the contract's usage
   * fields are kept (`invalid-usage` otherwise); a usage for another venue is refused (`target-mismatch`), and so is
   * a card's second usage for a show (`already-used`, when and where: checked and written in one atomic step).
   */
  async record(usage: UsageRequest): Promise<RegisterRecord> {
    if (usage.venueId !== this.venueId)
      throw new OutboxError('target-mismatch', { params: { fields: 'venueId' } });
    const record = newRecord({ ...usage, terminal: this.terminal }, 'provisional', this.#now(), this.#scope);
    // Collecting its booking is that booking's usage (checkAlreadyUsed), so only an earlier collection refuses one.
    const once = DEFAULT_POLICY.usage.oncePerShow.includes(usage.show.kind);
    const modes = !once ? [] : usage.mode === 'collection' ? ['collection'] : ['booking', 'collection'];
    const unlessUsed = { cardId: usage.cardId, showId: usage.show.id, modes };
    const { usage: prior } = (await this.#store.put(record, { unlessUsed })) ?? {};
    const earlier = prior ? [{ mode: prior.mode, at: prior.clientTime, terminal: prior.terminal }] : [];
    const [used] = checkAlreadyUsed(usage.mode, earlier, usage.show.kind, DEFAULT_POLICY.usage);
    if (used) throw new KaikuError(used.code, used.message.en, { params: used.params });
    return record;
  }

  /** Every usage kept, oldest first; `open` only those not exported or handed over yet. */
  async usages(options: { open?: boolean } = {}): Promise<RegisterRecord[]> {
    const all = await this.#store.list();
    return options.open ? all.filter(isOpen) : all;
  }

  /** Tickets counted for a show by this register (every sealed usage, exported or not): here, not nationally. */
  async tally(showId: string): Promise<RegisterTally> {
    const mine = (await this.#store.list()).filter((r) => sealed(r) && r.usage.show.id === showId);
    return { usages: mine.length, ticketsGiven: mine.reduce((n, r) => n + ticketsOf(r.usage), 0) };
  }

  /**
   * Undoes a usage within the void window (the policy's minutes after recording, and before the show starts), checked
   * and removed in one atomic step: an export or hand-over landing first wins. Rejects with `record-not-found`,
   * `void-exported` (already in a file or sent: undo it there), `record-tampered` or `void-window-closed`.
   */
  async voidUsage(id: string): Promise<'removed'> {
    let outcome = new OutboxError('record-not-found', { params: { id } }) as Error | 'removed';
    await this.#store.update([id], (r) => {
      outcome = this.#undoRefusal(r) ?? 'removed';
      return outcome === 'removed' ? null : undefined;
    });
    if (outcome !== 'removed') throw outcome;
    return outcome;
  }

  #undoRefusal(r: RegisterRecord): Error | undefined {
    if (!isOpen(r))
      return new OutboxError(sealed(r) ? 'void-exported' : RECORD_TAMPERED, { params: { id: r.id } });
    const window = checkVoidWindow({
      registeredAt: new Date(r.createdAt),
      showStart: r.usage.show.start,
      now: new Date(this.#now()),
    });
    const [reason] = window.ok ? [] : window.reasons;
    return (
      reason && new KaikuError(reason.code, reason.message.en, { params: { closesAt: window.closesAt } })
    );
  }

  /** Takes a record whose seal failed out of the register once staff have dealt with it (a sealed one stays). */
  async dismiss(id: string): Promise<void> {
    await this.#store.update([id], (r) => (sealed(r) ? undefined : null));
  }

  /**
   * Writes the register's usages for a day, a period or a show as the sales report Kaikukanta's import (and
   * `kaiku-import`) reads — one purchase per row: card ID, one adult, children, show, date, time, mode — titled with
   * the venue and this terminal, named with the export's time, then marks them exported (so a second export does not
   * repeat them; `again` does) and hands it to `save`. Records whose seal failed are never written.
   */
  async export(options: RegisterExportOptions): Promise<RegisterExport> {
    const { from, to, showId, again } = options;
    const wanted = (r: RegisterRecord): boolean => {
      if (typeof again === 'string') return r.exportedTo === again;
      const day = toHelsinki(Date.parse(r.usage.show.start)).date;
      return (!showId || r.usage.show.id === showId) && (!from || day >= from) && (!to || day <= to);
    };
    const chosen = (await this.#store.list()).filter((r) => sealed(r) && wanted(r));
    // A name no kept usage went into would be an empty file under an old file's name: refused, not written.
    if (typeof again === 'string' && chosen.length === 0) throw new OutboxError('export-file-unknown');
    const open = chosen.filter(isOpen);
    const earlier = again ? chosen.filter((r) => r.exportedAt) : [];
    const now = this.#now();
    let file = await this.#write(options, [...earlier, ...open], now);
    // Marked once the file exists, in one atomic step, those exact records: one another tab or terminal exported
    // or handed over meanwhile is left out, and the file written again without it.
    const marked = await this.#store.update(
      open.map((r) => r.id),
      (r) => (isOpen(r) ? { ...r, exportedAt: now, exportedTo: file.fileName } : undefined),
    );
    if (marked.length < open.length) file = await this.#write(options, [...earlier, ...marked], now);
    try {
      await options.save?.(file);
    } catch (error) {
      // Not handed over: these usages are open again, for undo and the next file.
      const mine = (r: RegisterRecord) => r.exportedAt === now && r.exportedTo === file.fileName;
      await this.#store.update(
        marked.map((r) => r.id),
        (r) => (mine(r) ? { ...r, exportedAt: undefined, exportedTo: undefined } : undefined),
      );
      throw error;
    }
    return file;
  }

  /** The file of `records`, named with the time `at`; the writers load now (a lazy chunk of the SDK's own code). */
  async #write(o: RegisterExportOptions, records: RegisterRecord[], at: number): Promise<RegisterExport> {
    const { exportUsageReport } = await import('../reports/export-usage-report.js');
    const { format, locale = 'fi', from, to } = o;
    const report = await exportUsageReport({
      format,
      locale,
      rows: records
        .sort((a, b) => a.createdAt - b.createdAt)
        .flatMap((r) => usageRequestToReportRows(r.usage, r.id)),
      title: `${this.venueId} · ${TERMINAL[locale]} ${this.terminal}`,
      venueId: `${this.venueId}-${this.terminal}`,
      ...(from && to ? { from, to } : {}),
    });
    const { date, time } = toHelsinki(at);
    const stamp = `-${date}-${time.replace(':', '')}${String(new Date(at).getUTCSeconds()).padStart(2, '0')}$&`;
    const fileName = typeof o.again === 'string' ? o.again : report.fileName.replace(/\.\w+$/, stamp);
    return { ...report, fileName, usages: records.length, terminal: this.terminal };
  }

  /**
   * Hands the open usages to an API's outbox, each exactly once and under its own ID as idempotency key, so they are
   * never also exported: `put` is the outbox's (`Outbox.adopt`). A hand-over cut short is finished by the next call.
   */
  async handOver(outbox: {
    readonly scope: { readonly api: string };
    adopt(record: RegisterRecord): Promise<void>;
  }): Promise<number> {
    const api = outbox.scope.api;
    const now = this.#now();
    const all = await this.#store.list();
    const started = all.filter((r) => sealed(r) && r.handover && !r.handover.done && r.handover.api === api);
    const claimed = await this.#store.update(
      all.filter(isOpen).map((r) => r.id),
      (r) => (isOpen(r) ? { ...r, handover: { api, at: now, done: false } } : undefined),
    );
    for (const r of [...started, ...claimed]) await outbox.adopt(r);
    await this.#store.update(
      [...started, ...claimed].map((r) => r.id),
      (r) => (r.handover && !r.handover.done ? { ...r, handover: { ...r.handover, done: true } } : undefined),
    );
    return started.length + claimed.length;
  }

  /** Deletes usages exported or handed over longer ago than the retention; open usages stay until exported. */
  async purge(): Promise<number> {
    const cutoff = this.#now() - this.#retentionMs;
    const old = (await this.#store.list()).filter((r) => {
      const closed = r.exportedAt ?? (r.handover?.done ? r.handover.at : undefined);
      return sealed(r) && closed !== undefined && closed <= cutoff;
    });
    if (old.length) await this.#store.remove(old.map((r) => r.id));
    return old.length;
  }
}

/**
 * Creates a terminal's register (no Kaikukanta API needed).
 *
 * @example
 * const register = createRegister({ venueId: 'teatteri-hilla', terminal: 'Kassa 1' });
 * await register.record(usage); // on disk now
 * const file = await register.export({ format: 'xlsx', from: '2026-12-01', to: '2026-12-31' });
 */
export function createRegister(options: RegisterOptions): Register {
  return new Register(options);
}
