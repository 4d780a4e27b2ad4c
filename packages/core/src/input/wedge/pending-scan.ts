/**
 * A scan waits for its terminator's keyup before it is reported. A reader releases every key before pressing
 * the next one; a person's key does not. So if another key goes down while the terminator is still held, or
 * a character of the burst is still held when the terminator comes up, a person's key got mixed into the
 * reading (an Enter pressed one digit early turns AM000000000 into the valid AM00000000): refuse it.
 * The wait is the reader's key-hold time, a few milliseconds.
 */
import { hasForeignKey, releaseChar, type BurstChar } from './burst-checks.js';
import { wedgeFailure } from './evaluate-burst.js';
import type { WedgeEffect, WedgeKeyRecord } from './types.js';

export type PendingScan = {
  readonly effect: Extract<WedgeEffect, { kind: 'scan' }>;
  /** The terminator's code, whose keyup releases the scan. */
  readonly code: string;
  readonly t: number;
  readonly chars: readonly BurstChar[];
  /** The terminator came up while a character was still held (a reader rolling over): wait for its keyup. */
  readonly up?: boolean;
};

/** Longest a terminator may stay down before the scan is released anyway (a lost keyup). */
export const PENDING_HOLD_MS = 100;

/** The refusal of a scan a person's key got into (another key down while the terminator is held, a key held). */
export const MIXED: WedgeEffect = { kind: 'error', error: wedgeFailure('mixed-input', {}) };

const held = (pending: PendingScan): boolean => pending.chars.some((c) => c.up === undefined);

const rollsOver = (chars: readonly BurstChar[]): boolean =>
  chars.some((c, i) => (c.up ?? -Infinity) > (chars[i + 1]?.t ?? Infinity));

/** The scan, unless a character of the burst is still held or was held like a person's key: then a refusal. */
function outcome(pending: PendingScan): WedgeEffect[] {
  return [held(pending) || hasForeignKey(pending.chars, pending.t) ? MIXED : pending.effect];
}

/**
 * Holds a scan until its terminator comes up, when the reader is one that sends keyups at all.
 *
 * @example
 * const pending = holdScan(effects, burst.chars, enterKeydown);
 */
export function holdScan(
  effects: readonly WedgeEffect[],
  chars: readonly BurstChar[],
  terminator: WedgeKeyRecord,
): PendingScan | undefined {
  const effect = effects.find((e): e is Extract<WedgeEffect, { kind: 'scan' }> => e.kind === 'scan');
  if (effect === undefined || !chars.some((c) => c.up !== undefined)) return undefined;
  return { effect, code: terminator.code, t: terminator.timeStamp, chars };
}

/** A keyup while a scan waits: the terminator's releases it once no character is held (their holds decide). */
export function releaseOnKeyUp(
  pending: PendingScan,
  record: WedgeKeyRecord,
): { pending: PendingScan | undefined; effects: WedgeEffect[] } {
  const next =
    record.code === pending.code
      ? { ...pending, up: true }
      : { ...pending, chars: releaseChar(pending.chars, record.code, record.timeStamp) };
  // Once the terminator is up, a reader that rolls over (releases a key after pressing the next) may still hold
  // its last character: wait for it, and let the holds decide. Any other reader's held character is a person's.
  return next.up === true && (!held(next) || !rollsOver(next.chars))
    ? { pending: undefined, effects: outcome(next) }
    : { pending: next, effects: [] };
}

/** The terminator's keyup never came: release the scan after `PENDING_HOLD_MS`, if every character was released. */
export function releaseOnSilence(pending: PendingScan, t: number): WedgeEffect[] | undefined {
  return t - pending.t < PENDING_HOLD_MS ? undefined : outcome(pending);
}
