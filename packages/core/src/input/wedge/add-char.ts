/**
 * Adding a character to the burst: start a burst, recognize a reader's as early as possible, and tell a key's
 * repeat from a character.
 */
import { hasReaderTiming, startsWithPrefix, type Burst, type BurstChar } from './burst-checks.js';
import type { ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeKeyRecord } from './types.js';

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
    const byPrefix = options.prefix !== '' && chars.length >= 2 && startsWithPrefix(chars, options.prefix);
    if ((byCount || byPrefix) && hasReaderTiming(chars, options.maxMedianInterKeyMs)) {
      recognized = true;
      effects.push({ kind: 'recognized' });
    }
  }
  // An `Unidentified` key's text comes in its `beforeinput`, which is suppressed instead: cancelling the
  // keydown would keep that text from ever arriving.
  if (recognized && char.readings.length > 0) effects.push({ kind: 'suppress' });
  return { burst: { ...burst, chars, recognized }, effects };
}

/**
 * A second keydown of a key never released (`down`), right after itself. With `repeat` set: a reader holding the
 * key for a doubled character (`'char'`), unless the burst is nothing but that key (a person's held key, `'held'`).
 * Without it: one press reported twice (`'twice'`), when the reader sends keyups at all (one without them leaves
 * every key "down", and then it is a real double letter).
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
