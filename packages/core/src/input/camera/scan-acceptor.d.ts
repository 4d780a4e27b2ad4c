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
export declare function createScanAcceptor(options: AcceptorOptions): ScanAcceptor;
