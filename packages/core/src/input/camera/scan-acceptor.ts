import type { DecodeFormat } from '../decode/types.js';

export type AcceptorOptions = {
  /** Agreeing consecutive reads needed per format. */
  readonly confirmations: Readonly<Record<DecodeFormat, number>>;
  /** Reads further apart than this start a new streak. */
  readonly confirmationWindowMs: number;
  /** A reported key seen again within this time of its last sighting is a duplicate. */
  readonly duplicateWindowMs: number;
};

/** `pending`: needs more agreeing frames; `duplicate`: already reported and still in view. */
export type AcceptDecision = 'report' | 'pending' | 'duplicate';

export type ScanAcceptor = {
  /** One frame's reading: `key` is the card ID (or any stable key for a rejected text). */
  offer(key: string, format: DecodeFormat, now: number): AcceptDecision;
  /** Forgets streaks and reported keys (e.g. after switching camera). */
  reset(): void;
};

/**
 * Decides which frame readings become reports: a QR reading at once, a Code 39 reading only when the required
 * number of consecutive reads agree (camera Code 39 misreads are common), and never the same key twice while it
 * stays in view. A frame with no reading does not break a streak; a different reading of the same format does.
 * Pure: time comes in as `now`.
 *
 * @example
 * const acceptor = createScanAcceptor({ confirmations: { qr_code: 1, code_39: 3 }, confirmationWindowMs: 1500, duplicateWindowMs: 3000 });
 * acceptor.offer('A045198723', 'qr_code', performance.now()); // 'report'
 */
export function createScanAcceptor(options: AcceptorOptions): ScanAcceptor {
  const streaks = new Map<DecodeFormat, { key: string; count: number; last: number }>();
  const lastSeen = new Map<string, number>();

  function offer(key: string, format: DecodeFormat, now: number): AcceptDecision {
    forgetOld(now);
    const seen = lastSeen.get(key);
    if (seen !== undefined) {
      // Any sighting of a reported key keeps it suppressed: a card held still is reported once.
      lastSeen.set(key, now);
      streaks.delete(format);
      return 'duplicate';
    }
    const streak = streaks.get(format);
    const count =
      streak && streak.key === key && now - streak.last <= options.confirmationWindowMs
        ? streak.count + 1
        : 1;
    const needed = Math.max(1, Math.floor(options.confirmations[format]));
    if (count < needed) {
      streaks.set(format, { key, count, last: now });
      return 'pending';
    }
    streaks.delete(format);
    lastSeen.set(key, now);
    return 'report';
  }

  function forgetOld(now: number): void {
    for (const [key, at] of lastSeen) {
      if (now - at >= options.duplicateWindowMs) lastSeen.delete(key);
    }
  }

  return {
    offer,
    reset() {
      streaks.clear();
      lastSeen.clear();
    },
  };
}
