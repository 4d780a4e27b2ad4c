/**
 * What one keydown means: a character (read through the reader's layout), an ambiguous character (auto layout,
 * `key` and `code` disagree), a character still to come (`key: 'Unidentified'`), or no character at all.
 */
import { type WedgeLayout } from './layouts.js';
import type { WedgeKeyRecord } from './types.js';
export type ResolvedKey =
  | {
      readonly kind: 'char';
      readonly char: string;
    }
  /** Auto layout: `key` says `hostChar`, the US reading of `code` says `codeChar`. */
  | {
      readonly kind: 'ambiguous';
      readonly codeChar: string;
      readonly hostChar: string;
    }
  | {
      readonly kind: 'unidentified';
    }
  | {
      readonly kind: 'none';
    };
/**
 * Reads one keydown. Ctrl/Meta combinations are shortcuts, never characters.
 *
 * @example
 * resolveKey({ type: 'keydown', key: 'z', code: 'KeyY', timeStamp: 0 }, 'auto');
 * // { kind: 'ambiguous', codeChar: 'y', hostChar: 'z' }
 */
export declare function resolveKey(record: WedgeKeyRecord, layout: WedgeLayout): ResolvedKey;
