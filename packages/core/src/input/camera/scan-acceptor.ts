import type { DecodeFormat } from '../decode/types.js';

export type AcceptorOptions = {
  /** Agreeing consecutive reads needed per format. */
  readonly confirmations: Readonly<Record<DecodeFormat, number>>;
  /** Reads further apart than this start a new streak. */
  readonly confirmationWindowMs: number;
  /** A reported key seen again within this time of its last sighting is a duplicate. */
  readonly duplicateWindowMs: number;
};

/** A card ID's frame as `offer` weighs it: zxing-cpp's read is two agreeing lines of its strict reader, and one frame
 * may be enough unless `code39Confirmations` was given (then as many frames of every read); a strong JS read is two. */
export function readingWeight(r: { strong?: boolean; byZxing?: boolean }, asked: boolean): [number, boolean] {
  return r.strong || r.byZxing ? [2, r.byZxing === true && !asked] : [1, false];
}

/** Frames looked at without a reported key before it can count as out of view. */
const ABSENT_FRAMES = 3;

/** `pending`: needs more agreeing frames; `duplicate`: already reported and still in view. */
export type AcceptDecision = 'report' | 'pending' | 'duplicate';

/**
 * Which readings report: QR at once, Code 39 after agreeing repeats (misreads are common), a key once while
 * in view — gone only after the window AND `ABSENT_FRAMES` frames (a stalled page is no card taken away).
 */
export function createScanAcceptor(options: AcceptorOptions) {
  const streaks = new Map<DecodeFormat, { key: string; count: number; last: number }>();
  /** Each reported key: when it was last seen, and how many frames were looked at since without it. */
  const lastSeen = new Map<string, { at: number; absent: number }>();

  /**
   * One frame's reading: `key` is the card ID (or any stable key for a rejected text). `weight`: the agreeing reads
   * it counts as (2 for a Code 39 read of two agreeing lines); a streak needs two frames unless `alone` (a read whose
   * misread risk was measured as a single frame's: zxing-cpp's own, docs/camera.md "Acceptance").
   */
  function offer(key: string, format: DecodeFormat, now: number, weight = 1, alone = false): AcceptDecision {
    const seen = lastSeen.get(key);
    if (seen !== undefined) {
      // Any sighting of a reported key keeps it suppressed: a card held still is reported once.
      lastSeen.set(key, { at: now, absent: 0 });
      streaks.delete(format);
      return 'duplicate';
    }
    const streak = streaks.get(format);
    const goesOn = streak && streak.key === key && now - streak.last <= options.confirmationWindowMs;
    const count = (goesOn ? streak.count : 0) + weight;
    const needed = Math.max(1, Math.floor(options.confirmations[format]));
    // One frame never confirms itself, however strong: a frame's lines share its noise and its light.
    if (count < needed || (!goesOn && !alone && needed > 1)) {
      streaks.set(format, { key, count: Math.min(count, needed - 1), last: now });
      return 'pending';
    }
    streaks.delete(format);
    lastSeen.set(key, { at: now, absent: 0 });
    return 'report';
  }

  /** A frame was looked at (whatever it held): call once per decoded frame, before its `offer`. */
  function look(now: number): void {
    // Away or not is decided on the frames before this one; then this frame counts as one without each key,
    // unless the key's own `offer` in it sets that back to 0.
    for (const [key, seen] of lastSeen) {
      if (now - seen.at >= options.duplicateWindowMs && seen.absent >= ABSENT_FRAMES) lastSeen.delete(key);
      else seen.absent += 1;
    }
  }

  return { look, offer };
}
