import type { Connection, StorageHealth } from './services/types.js';

/**
 * What every kaiku-* event shares: it bubbles out of the shadow root, so hosts (React, Vue, plain DOM) can listen
 * anywhere, and its typed `detail` carries codes, counts and card IDs only. Each subclass names its type in a static
 * `eventName` (and a `cancelable` one in a static `cancelable`); the constructor takes them from there.
 */
class KaikuEvent<D> extends Event {
  /** What happened: codes, counts and card IDs only. */
  readonly detail: D;
  constructor(detail: D) {
    const type = new.target as unknown as { readonly eventName: string; readonly cancelable?: boolean };
    super(type.eventName, { bubbles: true, composed: true, cancelable: type.cancelable === true });
    this.detail = detail;
  }
}

/** Where a card ID came from. */
export type ScanSource = 'wedge' | 'camera' | 'manual' | 'api';

/** `kaiku-scan`'s detail: the card ID read and where it came from. */
export type KaikuScanDetail = {
  /** The canonical card ID. */
  readonly cardId: string;
  readonly source: ScanSource;
  /** True when the ID was read as a group member of a community card, not as a new customer. */
  readonly groupMember: boolean;
};

/** A card ID was read (wedge, camera, manual entry) and passed the format check. */
export class KaikuScanEvent extends KaikuEvent<KaikuScanDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-scan';
}

/** `kaiku-card`'s detail: the card looked up and whether the rules allow a ticket now. */
export type KaikuCardDetail = {
  readonly cardId: string;
  readonly kind: 'client' | 'community';
  readonly status: string;
  /** ISO date (YYYY-MM-DD), last valid day. */
  readonly validUntil: string;
  /** Registered minors; `null` when not known (`status: 'unverified'`: Kaikukanta away and no cached record). */
  readonly minors: number | null;
  /** Whether the rules allow a ticket now (before the clerk picks children or a group). */
  readonly allowed: boolean;
  /** Refusal codes, empty when allowed. */
  readonly reasons: readonly string[];
  /** True when a cached record decided, not Kaikukanta (an unverified card had no record: false). */
  readonly fromCache: boolean;
};

/** A card was looked up and its record is shown. */
export class KaikuCardEvent extends KaikuEvent<KaikuCardDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-card';
}

/** The usage the clerk confirmed: codes, counts and card IDs only, never anything about a person. */
export type KaikuUsageDetail = {
  readonly cardId: string;
  /** Always 1: the card holder's own ticket. */
  readonly adults: 1;
  readonly children: number;
  readonly groupCardIds: readonly string[];
  readonly under16: number;
  readonly showId: string;
  readonly mode: 'booking' | 'collection';
};

/**
 * Fired when the clerk confirms, before anything is written. Cancelable: a point-of-sale calls
 * `preventDefault()` to veto the registration (e.g. the sale was voided); the element then returns to the card.
 */
export class KaikuBeforeRegisterEvent extends KaikuEvent<KaikuUsageDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-before-register';
  /** A listener may veto the registration. */
  static readonly cancelable = true;
}

/** `kaiku-usage-registered`'s detail: the usage and the ID Kaikukanta gave it. */
export type KaikuUsageRegisteredDetail = KaikuUsageDetail & {
  /** The server's usage ID. */
  readonly usageId: string;
};

/** Kaikukanta accepted the usage. */
export class KaikuUsageRegisteredEvent extends KaikuEvent<KaikuUsageRegisteredDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-registered';
}

/** `kaiku-usage-queued`'s detail: the usage, why it was queued and how many now wait. */
export type KaikuUsageQueuedDetail = KaikuUsageDetail & {
  /** Usages now waiting in the outbox, this one included. */
  readonly pending: number;
  /** Why it was queued (a stable code, e.g. the network error's). */
  readonly reason: string;
  /** Its outbox record: what `voidUsage()` undoes. */
  readonly recordId?: string;
};

/** The usage is stored durably in the offline outbox and will be sent when the network returns. */
export class KaikuUsageQueuedEvent extends KaikuEvent<KaikuUsageQueuedDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-queued';
}

/** `kaiku-usage-voided`'s detail: which usage was undone, and how. */
export type KaikuUsageVoidedDetail = {
  /** The ID the element was asked to undo: `kaiku-usage-registered`'s `usageId`, or a queued usage's record ID. */
  readonly usageId: string;
  readonly cardId: string;
  /** `voided` by Kaikukanta; `removed` before it was sent; `void-queued` (the next sync voids it); `nothing-to-void`. */
  readonly outcome: 'voided' | 'removed' | 'void-queued' | 'nothing-to-void';
};

/** The clerk undid a usage (the result screen's undo action, or `voidUsage()`), and it is undone. */
export class KaikuUsageVoidedEvent extends KaikuEvent<KaikuUsageVoidedDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-usage-voided';
}

/** `kaiku-sync`'s detail: the outbox's counts, the connection and the storage after a change. */
export type KaikuSyncDetail = {
  /** Usages still waiting to be sent. */
  readonly pending: number;
  /** Usages the server refused after they were accepted offline; staff must resolve them. */
  readonly needsAttention: number;
  /** What Kaikukanta last answered: `unknown`, `ok`, `unreachable` or `signed-out`. */
  readonly connection: Connection;
  /** Whether usages can be kept on this device: `ok`, `not-persisted`, `unavailable` or `unwritable`. */
  readonly storage: StorageHealth;
  /** Usages that were waiting when the browser cleared this device's storage (0 when none). */
  readonly lost: number;
  /** This terminal's usages of the show another terminal admitted too during a network split, not yet seen (0: none). */
  readonly conflicts: number;
};

/** The terminal's sending state changed: a count, what Kaikukanta answered, or its storage (see docs/element.md). */
export class KaikuSyncEvent extends KaikuEvent<KaikuSyncDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-sync';
}

/** `kaiku-error`'s detail: a stable code, the stage that failed and what it concerns. */
export type KaikuErrorDetail = {
  /** Stable error code (the same codes as the core's messages). */
  readonly code: string;
  /** What failed: reading, looking up, registering, undoing (`void`), camera, sync. */
  readonly stage: 'input' | 'lookup' | 'register' | 'void' | 'camera' | 'sync' | 'config';
  /** The card concerned, when there is one (never sent anywhere but the host page). */
  readonly cardId?: string;
  /** `stage: 'config'`: the setting that cannot be used, as the host spells it (`show-start`, `shows[1].cap`). */
  readonly setting?: string;
};

/** Something went wrong; the element shows the message in the current language. */
export class KaikuErrorEvent extends KaikuEvent<KaikuErrorDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-error';
}

/** `kaiku-report-exported`'s detail: the file for Kaikukanta's import the clerk downloaded. */
export type KaikuReportExportedDetail = {
  readonly format: 'csv' | 'xlsx';
  readonly fileName: string;
  /** The usages in it (now marked exported: the next download does not repeat them). */
  readonly usages: number;
};

/** The register's usages were exported as a file for Kaikukanta's import (`exportForKaikukanta()`). */
export class KaikuReportExportedEvent extends KaikuEvent<KaikuReportExportedDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-report-exported';
}

declare global {
  interface GlobalEventHandlersEventMap {
    'kaiku-scan': KaikuScanEvent;
    'kaiku-card': KaikuCardEvent;
    'kaiku-before-register': KaikuBeforeRegisterEvent;
    'kaiku-usage-registered': KaikuUsageRegisteredEvent;
    'kaiku-usage-queued': KaikuUsageQueuedEvent;
    'kaiku-usage-voided': KaikuUsageVoidedEvent;
    'kaiku-sync': KaikuSyncEvent;
    'kaiku-error': KaikuErrorEvent;
    'kaiku-report-exported': KaikuReportExportedEvent;
  }
}
