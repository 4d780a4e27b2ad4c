/** Plain data the wedge classifier works on (recorded events in, decisions out): replays the same anywhere. */
import type { ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import type { LocalizedText } from '../../messages/define.js';
import type { WedgeErrorCode } from '../../messages/wedge.js';
import type { WedgeLayout } from './layouts.js';

/** A `keydown`/`keyup` as the adapter records it (`timeStamp` is the event's own, never the handler's clock). */
export type WedgeKeyRecord = {
  readonly type: 'keydown' | 'keyup';
  readonly key: string;
  readonly code: string;
  readonly timeStamp: number;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly repeat?: boolean;
  /** The key went to one of the page's own text fields: there a burst that is no card ID is the page's. */
  readonly hostField?: boolean;
};

/**
 * Text without a usable key: a `paste`, or a `beforeinput` (`input`) of an `Unidentified` key (Android/iPad) or of
 * none; `'\n'` or `'\t'` as an `input` is the reading's terminator.
 */
export type WedgeTextRecord = {
  readonly type: 'paste' | 'input';
  readonly text: string;
  readonly timeStamp: number;
  /** As for keys: the text went to one of the page's own text fields. */
  readonly hostField?: boolean;
};

/** The adapter's timer: "nothing happened until `timeStamp`" (same clock as `event.timeStamp`). */
export type WedgeIdleRecord = { readonly type: 'idle'; readonly timeStamp: number };

/** One recorded input event: a key, a pasted or input text, or a moment of silence (`idle`). */
export type WedgeRecord = WedgeKeyRecord | WedgeTextRecord | WedgeIdleRecord;

/** What ends a reading: `'auto'` (Enter, Tab, CR+LF or silence), Enter, Tab, a key, or `'none'` (silence). */
export type WedgeTerminator =
  | 'auto'
  | 'Enter'
  | 'Tab'
  | 'none'
  | { readonly key?: string | undefined; readonly code?: string | undefined };

/** What calibration learns; JSON-serializable so the host can store it and pass it back as `profile`. */
export type WedgeProfile = {
  readonly version: 1;
  readonly layout: WedgeLayout;
  readonly terminator: WedgeTerminator;
  readonly prefix: string;
  readonly suffix: string;
  readonly maxInterKeyMs: number;
  readonly maxMedianInterKeyMs: number;
};

/** Options of the pure classifier (the listener takes the same ones). */
export type WedgeClassifierOptions = {
  /** Layout the reader is programmed for. Default `'auto'`: refuse when `key` and `code` disagree. */
  readonly layout?: WedgeLayout;
  /** Default `'auto'`: Enter, Tab, CR+LF or silence. Any other value accepts only that terminator. */
  readonly terminator?: WedgeTerminator;
  /** Characters the reader sends before / after every ID (stripped; a burst without them is refused). */
  readonly prefix?: string;
  readonly suffix?: string;
  /** Fewest ID characters (after prefix/suffix) a burst must carry. Default 5. */
  readonly minLength?: number;
  /** Largest gap between two keys of one burst. Default 80 ms. */
  readonly maxInterKeyMs?: number;
  /** Largest median gap of a burst; people type at 60–250 ms per key. Default 35 ms. */
  readonly maxMedianInterKeyMs?: number;
  /** With terminator `'none'` or `'auto'`: silence that ends a burst. Default 100 ms (never below `maxInterKeyMs`). */
  readonly idleTimeoutMs?: number;
  /** Fast keys after which a burst counts as a reader's (suppressed from inputs from then on). Default 4. */
  readonly recognizeAfter?: number;
  /**
   * A pasted card ID is a scan: `true` (default) where the listener owns the input (nothing editable focused, a card
   * field, inside an element `target`); `'anywhere'` also in the page's own text fields; `false` never.
   */
  readonly acceptPaste?: boolean | 'anywhere';
  /** The same card read again within this many ms is reported with `duplicate: true`. Default 3000; 0 turns it off. */
  readonly duplicateWindowMs?: number;
  /** Passed to `parseCardId` (e.g. `{ checkCharacter: 'verify' }`). */
  readonly cardIdOptions?: ParseCardIdOptions;
  /** A stored calibration; explicit options above win over it. */
  readonly profile?: WedgeProfile;
  /** Replaces `parseCardId` (tests, other ID formats). */
  readonly parse?: CardIdParser;
};

/** The result shape of `parseCardId`. */
export type CardIdParseResult =
  | {
      readonly ok: true;
      readonly id: string;
      readonly prefix: string;
      readonly kind: string;
      readonly medium: string;
    }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: string;
        readonly params: Readonly<Record<string, unknown>>;
        readonly message: LocalizedText;
      };
    };

/** A card-ID parser with `parseCardId`'s signature (tests and hosts may pass their own). */
export type CardIdParser = (raw: string, options?: ParseCardIdOptions) => CardIdParseResult;

/** A card read from a wedge reader. Carries the ID only: never logged by the SDK. */
export type WedgeScan = {
  readonly id: string;
  readonly prefix: string;
  readonly kind: string;
  readonly medium: string;
  readonly source: 'keys' | 'paste';
  /** The same card was read less than `duplicateWindowMs` before (by the same listener): not a new customer. */
  readonly duplicate: boolean;
  /** First key to terminator (or last key), by `event.timeStamp`. */
  readonly durationMs: number;
  readonly keyCount: number;
};

/** A refusal: stable code, plain params, the text in every language. */
export type WedgeFailure = {
  readonly code: WedgeErrorCode;
  readonly params: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly message: LocalizedText;
};

/** What the adapter must do after one record. */
export type WedgeEffect =
  | { readonly kind: 'burst-start' }
  /** The burst is a reader's: remove what it already typed into the focused field; suppress from now on. */
  | { readonly kind: 'recognized' }
  /** Cancel this event's default action (its character must not reach the page). */
  | { readonly kind: 'suppress' }
  /** A recognized burst proved to be typing after all: give its characters back to the field. */
  | { readonly kind: 'release' }
  | { readonly kind: 'scan'; readonly scan: WedgeScan }
  | { readonly kind: 'error'; readonly error: WedgeFailure };
