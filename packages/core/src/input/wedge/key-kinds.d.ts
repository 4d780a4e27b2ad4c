import type { BurstChar } from './burst-checks.js';
import type { ResolvedKey } from './resolve-key.js';
import type { WedgeKeyRecord, WedgeTerminator } from './types.js';
/** Shift, Ctrl, Alt… pressed alone: neither a character nor the end of a burst. */
export declare function isModifier(record: WedgeKeyRecord): boolean;
/** True when the record is the configured terminator (a custom one matches by `code` or by `key`). */
export declare function matchesTerminator(record: WedgeKeyRecord, terminator: WedgeTerminator): boolean;
/** `Enter` or `Tab` when the record is one of them but not the configured terminator. */
export declare function otherTerminatorName(
  record: WedgeKeyRecord,
  terminator: WedgeTerminator,
): string | undefined;
/**
 * The character of an Alt+numpad code (Windows). Printable ASCII is the same in every code page; anything
 * else is no card-ID character, so it becomes U+FFFD and the reading is refused rather than guessed.
 */
export declare function altCodeChar(digits: string): string;
/** A burst character from a resolved keydown. */
export declare function charFromKey(
  record: WedgeKeyRecord,
  resolved: Exclude<
    ResolvedKey,
    {
      kind: 'none';
    }
  >,
): BurstChar;
