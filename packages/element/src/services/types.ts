// What the element needs from the outside world, one injectable object (default: `createCoreServices`); the element
// itself holds no rules and does no I/O.
import type { LocalizedText, ServerReason } from '@kaiku-scanner/core';
import type { CardBooking, EarlierUsage, TimeWindow } from '@kaiku-scanner/core/contract';
import type { Channel, UsageMode as CoreUsageMode } from '@kaiku-scanner/core/contract';
import type { OfflinePolicy, ShiftUsage } from '@kaiku-scanner/core/outbox';
import type { REGISTRIES } from './config-check.js';

/** A text in every language the element speaks (the core's `LocalizedText`). */
export type { LocalizedText };

/** Settings of the default services (`createCoreServices`). */
export type CoreServicesOptions = {
  readonly baseUrl: string;
  readonly venueId: string;
  readonly channel: Channel;
  readonly getToken: () => string | Promise<string>;
  /** IndexedDB database of the outbox. Default: one per API and venue (`kaiku-outbox <api> <venue>`). */
  readonly databaseName?: string;
  /** How long synced and resolved usages stay on the terminal. Default `ELEMENT_RETENTION.retentionMs`. */
  readonly retentionMs?: number | undefined;
  /** How long a looked-up (active) card may decide offline. Default `ELEMENT_RETENTION.cardCacheTtlMs`. */
  readonly cardCacheTtlMs?: number | undefined;
  /** When a card cannot be looked up and is not cached. Default `accept-provisionally`. */
  readonly offlinePolicy?: OfflinePolicy | undefined;
  /** Accept a plain `http:` base URL to another machine (an intranet without TLS; see docs/api.md). */
  readonly allowInsecureHttp?: boolean | undefined;
  /** This terminal's name (`terminal-name`), sent with each usage as `terminal`: where an "already used" says it was. */
  readonly terminalName?: string | undefined;
  /**
   * `kaikukanta` (default): look-ups and usages go to the API at `baseUrl`. `venue`: the same, to the venue's own
   * register server (needs `terminalName`). `none`: no API; usages are kept in this terminal's register on the device
   * and exported for Kaikukanta's import (needs `venueId` and `terminalName`).
   */
  readonly registry?: Registry | undefined;
};

/**
 * Where usages are recorded: Kaikukanta's API, the venue's register server (`venue`: the same contract, its own
 * words on screen), or (`none`) this terminal's register, exported as a file.
 */
export type Registry = (typeof REGISTRIES)[number];

/** A file for Kaikukanta's import (the register's export): its bytes, name, type and the usages in it. */
export type ReportFile = {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mimeType: string;
  readonly usages: number;
};

/** Booking a ticket, or collecting a booked ticket (the core's `UsageMode`). */
export type UsageMode = CoreUsageMode;

/** Returns a bearer token for the API (never stored). */
export type TokenProvider = () => string | Promise<string>;

/** The show or course tickets are given for (the contract's `Show`). */
export type ShowContext = {
  readonly id: string;
  readonly name: string;
  /** ISO date-time with offset. */
  readonly start: string;
  /** `show`, `small-show`, `course`, `festival`, `mass-event`, `swimming-hall`, … */
  readonly kind: string;
  readonly cap?: number;
  readonly seats?: number;
  /** When booking is possible (e.g. `{ opensBeforeStart: { months: 1 } }`). */
  readonly bookingWindow?: TimeWindow;
  /** When tickets can be collected (e.g. `{ opensBeforeStart: { minutes: 30 } }`). */
  readonly collectionWindow?: TimeWindow;
  /** A visiting producer's show (its own cap range). */
  readonly visitingProducer?: boolean;
  /** Operating-model version the venue follows; absent = the newest. */
  readonly policyVersion?: string;
};

/** What a venue sees of a card in Kaikukanta. */
export type CardView = {
  readonly id: string;
  readonly kind: 'client' | 'community';
  /** Kaikukanta's status; `unverified` (offline, nothing known) or `unchecked` (registry="none": not asked). */
  readonly status: string;
  readonly validUntil: string;
  readonly minors: number;
  /** The record came from the offline cache. */
  readonly fromCache: boolean;
  /** Its booking for the show on screen (by the venue or its ticket agent), as Kaikukanta said at the look-up. */
  readonly booking?: CardBooking;
};

/** A reason, already rendered in every language (the core's `ServerReason`: a code and its text). */
export type Reason = ServerReason;

/** What `parseCardId` made of a reading: the canonical card ID, or why it is not one. */
export type ParsedCardId =
  { readonly ok: true; readonly id: string } | { readonly ok: false; readonly reason: Reason };

/** The clerk's request for the card on screen. */
export type TicketRequest = {
  readonly children: number;
  readonly groupCardIds: readonly string[];
  readonly under16: number;
};

/** What the operating-model rules say about a request: allowed with its ticket count, or refused with the reasons. */
export type Decision =
  | {
      readonly ok: true;
      readonly total: number;
      /** Tickets of this usage that count against the show's cap under its policy (0 when none applies). */
      readonly countedAgainstCap: number;
    }
  | { readonly ok: false; readonly reasons: readonly Reason[] };

/** A show's ticket cap (`null`: none) and the tickets counted against it so far. */
export type CapState = {
  readonly cap: number | null;
  readonly given: number;
  /** `terminal`: `given` is what this terminal's register counted, not Kaikukanta's count (registry="none"). */
  readonly countedOn?: 'terminal';
  /**
   * The server's count was never fetched for this show (offline, Kaikukanta away, no API): `given` holds only this
   * terminal's unsent usages, and the meter says the count is not known rather than showing it.
   */
  readonly unknown?: boolean;
};

/** What became of a usage: `registered` by Kaikukanta, `queued` in the offline outbox, or `refused` with reasons. */
export type RegisterOutcome =
  | {
      readonly kind: 'registered';
      readonly usageId: string;
      readonly cap?: CapState;
      /** `terminal`: kept in this terminal's register (registry="none"), not in Kaikukanta: not said as registered. */
      readonly recordedOn?: 'terminal';
    }
  | {
      readonly kind: 'queued';
      readonly reason: string;
      readonly pending: number;
      /** The outbox record (its idempotency key), to follow it until it is sent. */
      readonly recordId?: string;
    }
  | { readonly kind: 'refused'; readonly reasons: readonly Reason[] };

/** A usage accepted offline that Kaikukanta later refused: staff must deal with it (`resolveAttention`). */
export type AttentionItem = {
  readonly id: string;
  readonly cardId: string;
  readonly showName: string;
  readonly reason: Reason;
  /** Group members Kaikukanta refused when nothing else was refused: `registerRest` registers the visit without them. */
  readonly refusedMembers?: readonly string[];
};

/**
 * A card this terminal admitted that another terminal admitted too while that one could not reach the server (a
 * network split): the usage counts once, and the report marks it. `id`: this terminal's usage (`resolveAttention(id)`
 * marks it seen); `terminal` and `at` (that terminal's clock, ISO): where and when the other admission was.
 */
export type ConflictItem = {
  readonly id: string;
  readonly cardId: string;
  readonly showName: string;
  readonly terminal?: string;
  readonly at: string;
};

/** What Kaikukanta last answered: `ok` (a signed-in request got through), `unreachable` (none, 5xx/429),
 * `signed-out` (401/403, a failed token provider), `unknown` (nothing asked yet, or the health check only). */
export type Connection = 'unknown' | 'ok' | 'unreachable' | 'signed-out';

/**
 * Whether usages can be kept on this device (checked at start): `ok`; `not-persisted` (the browser may clear them
 * under storage pressure); `unavailable` (no IndexedDB: blocked site data, some private windows); `unwritable` (it
 * opens but a write fails); `unknown` (IndexedDB has not answered within 5 s, as on a busy device: not a failure,
 * checked again at the next read). Without storage the terminal registers online only.
 */
export type StorageHealth = 'ok' | 'not-persisted' | 'unavailable' | 'unwritable' | 'unknown';

/** The offline outbox as the status row shows it: waiting usages, those needing attention, connection and storage. */
export type OutboxState = {
  readonly pending: number;
  /** IDs of the records still waiting (to tell when a queued usage has been sent). */
  readonly pendingIds?: readonly string[];
  readonly needsAttention: readonly AttentionItem[];
  /** This terminal's usages of the current show that another terminal admitted too (absent: none known). */
  readonly conflicts?: readonly ConflictItem[];
  /** Set while syncing fails on the terminal's sign-in (`http-401`, `http-403`): usages wait, the network is fine. */
  readonly authFailure?: string;
  /** Absent: the services do not say (the status row then never turns green). */
  readonly connection?: Connection;
  /** Absent: the services keep usages their own way. */
  readonly storage?: StorageHealth;
  /** Usages that were waiting when the browser cleared this device's storage (not yet acknowledged by staff). */
  readonly lost?: number;
  /**
   * Usages in this terminal's register not yet exported: `register` (registry="none": export them for Kaikukanta's
   * import), or `hand-over` (kept before the API was set up: send them through the outbox, or export them);
   * `exported`: in hand-over, those already in a file for Kaikukanta's import (never sent).
   */
  /** Usages in this venue's registers on this device neither sent nor exported, by terminal name (API mode). */
  readonly unsent?: readonly { readonly terminal: string; readonly open: number }[];
  readonly register?: {
    readonly open: number;
    readonly mode: 'register' | 'hand-over';
    readonly exported?: number;
    /** The files its usages went into, while it keeps them (the retention): offered for a download again. */
    readonly files?: readonly string[];
    /** registry="none": every usage the register keeps (the shift lists today's); `closed`: in a file or sent. */
    readonly usages?: readonly (ShiftUsage & { readonly closed?: true })[];
  };
};

/** A failure with a stable code and a text in every language. */
export type ServiceError = ServerReason;

/** The card Kaikukanta returned for an ID, or the failure (`notFound`: no such card). */
export type LookupOutcome =
  | { readonly ok: true; readonly card: CardView }
  | { readonly ok: false; readonly error: ServiceError; readonly notFound: boolean };

/** What `decide` needs; `earlier`: the card's usages for the show this terminal knows (and the outbox's). */
export type DecideInput = {
  readonly card: CardView;
  readonly show: ShowContext;
  readonly mode: UsageMode;
  readonly request: TicketRequest;
  readonly cap: CapState | undefined;
  readonly now: Date;
  readonly earlier: readonly EarlierUsage[];
};

/** A usage to register: which card, for which show, how many tickets, in which mode. */
export type UsageInput = {
  readonly show: ShowContext;
  readonly cardId: string;
  readonly request: TicketRequest;
  readonly mode: UsageMode;
};

/** What the element runs on; the default is `createCoreServices()`, replaced through the `services` property. */
export type ScannerServices = {
  parseCardId(raw: string): ParsedCardId;
  /** `showId`: the show on screen, whose booking of the card the answer carries (`CardView.booking`). */
  lookupCard(cardId: string, signal?: AbortSignal, showId?: string): Promise<LookupOutcome>;
  decide(input: DecideInput): Decision;
  register(usage: UsageInput): Promise<RegisterOutcome>;
  /** Tickets given so far for a show; undefined when unknown (offline). */
  capState(show: ShowContext): Promise<CapState | undefined>;
  outboxState(): Promise<OutboxState>;
  /** Calls back whenever the outbox changes; returns an unsubscribe function. */
  onOutboxChange(listener: (state: OutboxState) => void): () => void;
  syncNow(): Promise<void>;
  /**
   * Undoes a usage this terminal registered or queued (`id`: the `usageId` of `kaiku-usage-registered`, or the queued
   * record's ID), within the void window: `removed` (never sent), `voided` (by Kaikukanta), `nothing-to-void`
   * (Kaikukanta had refused it). Rejects with a `ServiceError`-able failure (`void-window-closed`, …).
   */
  voidUsage?(id: string): Promise<'removed' | 'voided' | 'void-queued' | 'nothing-to-void'>;
  /**
   * Staff have dealt with a needs-attention usage (told the customer, recorded it by hand), or seen a conflict
   * (`OutboxState.conflicts`, by its `id`): remove it from the list.
   */
  resolveAttention(id: string): Promise<void>;
  /** Registers a refused group visit again without its `refusedMembers`, and takes it off the list. */
  registerRest?(id: string): Promise<void>;
  exportCsv(): Promise<string>;
  /** The register's open usages' file for Kaikukanta, given to `save`, then marked; `again`: a `register.files` name. */
  exportReport?(
    format: 'csv' | 'xlsx',
    locale: 'fi' | 'sv' | 'en',
    save: (f: ReportFile) => void,
    again?: string,
  ): Promise<ReportFile>;
  /** Sends the register's usages not yet exported through the outbox (each once; then never exported). */
  handOverRegister?(): Promise<number>;
  /** Staff have seen that usages may have been lost (`OutboxState.lost`): the notice goes. */
  acknowledgeLoss?(): Promise<void>;
  dispose(): void;
};
