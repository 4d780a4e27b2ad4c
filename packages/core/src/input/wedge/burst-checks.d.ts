/**
 * A burst: the characters of one possible reading, with their timing. Helpers shared by the classifier,
 * the evaluation of a finished burst and calibration.
 */
/** One character of a burst. `readings` holds both readings when `key` and `code` disagree. */
export type BurstChar = {
  readonly t: number;
  readonly code: string;
  /** One reading, two when ambiguous, none while an `Unidentified` key waits for its text. */
  readonly readings: readonly string[];
  /** For an ambiguous character: host layouts on which `code` types what `key` said. */
  readonly hostLayouts?: readonly string[];
  /** When its key was released (keyup), if seen. */
  readonly up?: number;
};
export type Burst = {
  readonly chars: readonly BurstChar[];
  readonly recognized: boolean;
};
/** Gaps between consecutive characters, by `event.timeStamp`. */
export declare function gapsOf(chars: readonly BurstChar[]): number[];
/** Median of a list (0 for an empty one). */
export declare function median(values: readonly number[]): number;
/** True when a burst's median gap is a reader's, not a person's. */
export declare function hasReaderTiming(chars: readonly BurstChar[], maxMedianMs: number): boolean;
/** True when the burst (so far) starts with every character of `prefix`. */
export declare function startsWithPrefix(chars: readonly BurstChar[], prefix: string): boolean;
/** The characters between prefix and suffix, or `undefined` when either is missing. */
export declare function stripAffixes(
  chars: readonly BurstChar[],
  prefix: string,
  suffix: string,
): BurstChar[] | undefined;
/** Card IDs carry no case (Code 39 has none, Caps Lock flips it): letters a–z become upper case. */
export declare function upperAscii(text: string): string;
/** The host layouts that explain the ambiguous characters (for the mismatch message), e.g. `de`. */
export declare function layoutsOfAmbiguity(chars: readonly BurstChar[]): string | undefined;
/**
 * True when a key of the burst stayed down while two later keys were pressed: a person's key (held for tens
 * of milliseconds) mixed into a reader's burst, which releases every key before the next. Readers that send
 * no keyups at all are not judged.
 */
export declare function hasForeignKey(chars: readonly BurstChar[], endT: number): boolean;
