/** A burst (the characters of one possible reading, timed), and the checks and edits the wedge modules share. */
import type { ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeKeyRecord } from './types.js';

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
  /** Typed by a `repeat` keydown of the key before it (a held key): may be a doubled report rather than a character. */
  readonly repeat?: boolean;
};

export type Burst = {
  readonly chars: readonly BurstChar[];
  readonly recognized: boolean;
  /** Typed into one of the page's own text fields: unless it is a card, it is the page's. */
  readonly host?: boolean;
  /** The rest of a reading refused as interrupted (a stall): unless it is a card ID, it is that reading's. */
  readonly rest?: boolean;
};

export function gapsOf(chars: readonly BurstChar[]): number[] {
  return chars.slice(1).map((c, i) => c.t - chars[i]!.t);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

/** True when a burst's median gap is a reader's, not a person's. */
export function hasReaderTiming(chars: readonly BurstChar[], maxMedianMs: number): boolean {
  return chars.length >= 2 && median(gapsOf(chars)) <= maxMedianMs;
}

/** True when the characters from `at` on start with every character of `affix` (case aside). */
function hasAffixAt(chars: readonly BurstChar[], affix: string, at: number): boolean {
  return Array.from(affix).every((w, i) =>
    chars[at + i]?.readings.some((r) => r.toLowerCase() === w.toLowerCase()),
  );
}

/** The characters between prefix and suffix, or `undefined` when either is missing. */
export function stripAffixes(
  chars: readonly BurstChar[],
  prefix: string,
  suffix: string,
): BurstChar[] | undefined {
  const start = Array.from(prefix).length;
  const end = chars.length - Array.from(suffix).length;
  if (end < start || !hasAffixAt(chars, prefix, 0) || !hasAffixAt(chars, suffix, end)) return undefined;
  return chars.slice(start, end);
}

/** Card IDs carry no case (Code 39 has none, Caps Lock flips it): letters a–z become upper case. */
export function upperAscii(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/** The text of characters through one of their readings (the first where a character has only one), upper case. */
export function textOf(chars: readonly BurstChar[], reading = 0): string {
  return upperAscii(chars.map((c) => c.readings[reading] ?? c.readings[0] ?? '').join(''));
}

/** The host layouts that explain the ambiguous characters (for the mismatch message), e.g. `de`. */
export function layoutsOfAmbiguity(chars: readonly BurstChar[]): string | undefined {
  let common: string[] | undefined;
  for (const c of chars) {
    if (c.hostLayouts === undefined) continue;
    common = common === undefined ? [...c.hostLayouts] : common.filter((l) => c.hostLayouts?.includes(l));
  }
  return common !== undefined && common.length > 0 ? common.join(', ') : undefined;
}

/**
 * True when a person's key got into a reader's burst (a reader holds every key alike): one stayed down over two
 * later keys and was held over twice as long as any other (rolling readers overlap too), or was held far longer
 * than the rest. Readers that send no keyups are not judged.
 */
export function hasForeignKey(chars: readonly BurstChar[], endT: number): boolean {
  if (!chars.some((c) => c.up !== undefined)) return false;
  // A key the reader holds for a repeat (a doubled character) counts as released when it repeats.
  const ups = chars.map((c, i) => {
    const next = chars[i + 1];
    return next?.code === c.code ? Math.min(next.t, c.up ?? endT) : (c.up ?? endT);
  });
  const holds = chars.map((c, i) => Math.max(0, (ups[i] ?? endT) - c.t));
  // A key still down ranks as held for ever (a rolling reader's scan waits for its keyups: `holdScan`).
  const ranked = chars.map((c, i) =>
    c.up === undefined && chars[i + 1]?.code !== c.code ? Infinity : (holds[i] ?? 0),
  );
  const longest = ranked.sort((a, b) => b - a)[1] ?? 0;
  const overlapped = chars.some((c, i) => {
    const release = c.up === undefined ? Infinity : (ups[i] ?? Infinity);
    const later = chars.slice(i + 1).filter((x) => x.code !== c.code); // not its own repeats
    const overlaps = [...later.map((x) => x.t), endT].filter((t) => t < release).length;
    return overlaps >= 2 && (holds[i] ?? 0) > Math.max(2, longest * 2);
  });
  const limit = Math.max(25, median(holds) * 6);
  return overlapped || holds.some((h) => h > limit);
}

/**
 * True when the last character came after a pause far beyond the burst's rhythm (3× its median gap, +20 ms): without
 * a terminator it may be a person's key (`AM` + 8 digits vs `AM` + 9).
 */
export function hasLateLastKey(chars: readonly BurstChar[]): boolean {
  const gaps = gapsOf(chars);
  const last = gaps.pop();
  if (last === undefined || gaps.length < 3) return false;
  const typical = median(gaps);
  return last > Math.max(typical * 3, typical + 20);
}

/** Marks the latest unreleased character of `code` (and its held repeats) released at `t`; the same array if none. */
export function releaseChar(chars: readonly BurstChar[], code: string, t: number): readonly BurstChar[] {
  let last = -1;
  chars.forEach((c, i) => {
    if (c.code === code && c.up === undefined) last = i;
  });
  let first = last;
  while (first > 0 && chars[first - 1]?.code === code && chars[first - 1]?.up === undefined) first--;
  return last < 0 ? chars : chars.map((c, i) => (i >= first && i <= last ? { ...c, up: t } : c));
}

/** Gives the first character still waiting for its text (an `Unidentified` key) that text. */
export function fillUnidentified(chars: readonly BurstChar[], text: string): readonly BurstChar[] {
  const index = chars.findIndex((c) => c.readings.length === 0);
  return chars.map((c, i) => (i === index ? { ...c, readings: [text] } : c));
}

/**
 * Without the control characters (STX, ETX: no `code`, no text) around the ID; not where no key has a `code`
 * (an Android reader's keys get their text later).
 */
export function trimControls(chars: readonly BurstChar[]): readonly BurstChar[] {
  const control = (c: BurstChar | undefined) => c !== undefined && c.code === '' && c.readings.length === 0;
  if (!chars.some((c) => c.code !== '')) return chars;
  let start = 0;
  let end = chars.length;
  while (control(chars[start])) start++;
  while (end > start && control(chars[end - 1])) end--;
  return chars.slice(start, end);
}

/** Adds one character to the burst (or starts one, or fills an empty one), recognizing a reader's burst early. */
export function addChar(
  burst: Burst | undefined,
  char: BurstChar,
  options: ResolvedWedgeOptions,
  host?: boolean,
): { burst: Burst; effects: WedgeEffect[] } {
  const effects: WedgeEffect[] = [];
  if (burst === undefined || burst.chars.length === 0) {
    burst ??= { chars: [], recognized: false };
    if (host === true) burst = { ...burst, host };
    effects.push({ kind: 'burst-start' });
  }
  const chars = [...burst.chars, char];
  let recognized = burst.recognized;
  if (!recognized) {
    const byCount = chars.length >= options.recognizeAfter;
    const byPrefix = options.prefix !== '' && chars.length >= 2 && hasAffixAt(chars, options.prefix, 0);
    if ((byCount || byPrefix) && hasReaderTiming(chars, options.maxMedianInterKeyMs)) {
      recognized = true;
      effects.push({ kind: 'recognized' });
    }
  }
  // An `Unidentified` key's `beforeinput` is suppressed instead: cancelling its keydown would lose the text.
  if (recognized && char.readings.length > 0) effects.push({ kind: 'suppress' });
  return { burst: { ...burst, chars, recognized }, effects };
}

/**
 * A second keydown of a key still down, right after itself: with `repeat`, a reader's doubled character (`'char'`)
 * or, when the burst is only that key, a person's held key (`'held'`); without, one press reported twice
 * (`'twice'`), if the reader sends keyups at all (else it is a real double letter).
 */
export function doubledKey(
  burst: Burst | undefined,
  down: readonly string[],
  record: WedgeKeyRecord,
  options: ResolvedWedgeOptions,
): 'char' | 'held' | 'twice' | undefined {
  const chars = burst?.chars ?? [];
  const previous = chars[chars.length - 1];
  const same =
    previous !== undefined &&
    previous.code === record.code &&
    record.code !== '' &&
    down.includes(record.code) &&
    record.timeStamp - previous.t <= options.maxInterKeyMs;
  if (record.repeat === true) return same && chars.some((c) => c.code !== record.code) ? 'char' : 'held';
  return same && chars.some((c) => c.up !== undefined) ? 'twice' : undefined;
}
