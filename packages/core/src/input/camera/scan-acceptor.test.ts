import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createScanAcceptor, type AcceptorOptions } from './scan-acceptor.js';

const options: AcceptorOptions = {
  confirmations: { qr_code: 1, code_39: 3 },
  confirmationWindowMs: 1500,
  duplicateWindowMs: 3000,
};

describe('createScanAcceptor', () => {
  it('reports a QR reading on the first frame, then suppresses it while it stays in view', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('report');
    // Seen every 100 ms for 10 s: the sliding window keeps it suppressed the whole time.
    for (let t = 100; t <= 10_000; t += 100)
      expect(acceptor.offer('A045198723', 'qr_code', t)).toBe('duplicate');
  });

  /** Frames looked at every `step` ms from `from` (exclusive) to `to` (exclusive), with nothing read. */
  const lookAt = (acceptor: ReturnType<typeof createScanAcceptor>, from: number, to: number, step = 100) => {
    for (let t = from + step; t < to; t += step) acceptor.look(t);
  };

  it('reports the same card again once it has been out of view for the whole window', () => {
    const acceptor = createScanAcceptor(options);
    acceptor.look(0);
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('report');
    lookAt(acceptor, 0, 2999);
    acceptor.look(2999);
    expect(acceptor.offer('A045198723', 'qr_code', 2999)).toBe('duplicate');
    lookAt(acceptor, 2999, 5998);
    acceptor.look(5998);
    expect(acceptor.offer('A045198723', 'qr_code', 5998)).toBe('duplicate');
    lookAt(acceptor, 5998, 8998);
    acceptor.look(8998);
    expect(acceptor.offer('A045198723', 'qr_code', 8998)).toBe('report');
  });

  it('counts a card as away only for frames actually looked at: a stalled page is not an empty desk', () => {
    const acceptor = createScanAcceptor(options);
    acceptor.look(0);
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('report');
    // The page stalled for 5 s (no frame decoded), then the card, still there, is read again: not a new card.
    acceptor.look(5000);
    expect(acceptor.offer('A045198723', 'qr_code', 5000)).toBe('duplicate');
    // Two frames without it, then a 4 s stall: not yet away (it takes three frames looked at without it).
    acceptor.look(5100);
    acceptor.look(5200);
    acceptor.look(9200);
    expect(acceptor.offer('A045198723', 'qr_code', 9200)).toBe('duplicate');
    // Three frames without it and the whole window: away, so the next sighting is a new appearance.
    acceptor.look(9300);
    acceptor.look(9400);
    acceptor.look(9500);
    acceptor.look(12_300);
    expect(acceptor.offer('A045198723', 'qr_code', 12_300)).toBe('report');
  });

  it('a refused text (any key) is kept suppressed the same way', () => {
    const acceptor = createScanAcceptor(options);
    acceptor.look(0);
    expect(acceptor.offer('\u0000TICKET', 'qr_code', 0)).toBe('report');
    acceptor.look(4000);
    expect(acceptor.offer('\u0000TICKET', 'qr_code', 4000)).toBe('duplicate');
  });

  it('needs three agreeing consecutive Code 39 reads', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('Y110029399', 'code_39', 0)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 70)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 140)).toBe('report');
    expect(acceptor.offer('Y110029399', 'code_39', 210)).toBe('duplicate');
  });

  it('counts a strong Code 39 read as two agreeing reads, but never as a streak of its own', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('Y110029399', 'code_39', 0, 2)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 70)).toBe('report');
    const two = createScanAcceptor({ ...options, confirmations: { qr_code: 1, code_39: 2 } });
    expect(two.offer('Y110029399', 'code_39', 0, 2)).toBe('pending'); // one frame: its lines share its light
    expect(two.offer('Y110029399', 'code_39', 70, 2)).toBe('report');
    expect(acceptor.offer('Y221100477', 'code_39', 100, 2)).toBe('pending');
    expect(acceptor.offer('Y110029390', 'code_39', 170, 2)).toBe('pending'); // a disagreeing read restarts it
  });

  it('reports a read that may stand alone (zxing-cpp) from one frame, when its weight reaches the count', () => {
    const two = createScanAcceptor({ ...options, confirmations: { qr_code: 1, code_39: 2 } });
    expect(two.offer('Y110029399', 'code_39', 0, 2, true)).toBe('report');
    const three = createScanAcceptor(options); // a venue that asked for three reads still gets three
    expect(three.offer('Y110029399', 'code_39', 0, 2, true)).toBe('pending');
    expect(three.offer('Y110029399', 'code_39', 70)).toBe('report');
  });

  it('reports only on agreeing reads whose weight reaches the count, two frames unless one stands alone', () => {
    const read = fc.record({
      key: fc.constantFrom('Y110029399', 'Y110028399'),
      gap: fc.nat(2000),
      kind: fc.constantFrom('weak', 'strong', 'zxing'),
    });
    fc.assert(
      fc.property(fc.array(read, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (reads, needed) => {
        const acceptor = createScanAcceptor({ ...options, confirmations: { qr_code: 1, code_39: needed } });
        let now = 0;
        let streak: Array<{ key: string; at: number; weight: number; alone: boolean }> = [];
        for (const { key, gap, kind } of reads) {
          now += gap;
          const [weight, alone] = kind === 'weak' ? [1, false] : [2, kind === 'zxing'];
          const last = streak.at(-1);
          if (!last || last.key !== key || now - last.at > options.confirmationWindowMs) streak = [];
          streak.push({ key, at: now, weight, alone });
          const decision = acceptor.offer(key, 'code_39', now, weight, alone);
          if (decision === 'duplicate') continue;
          const enough = streak.reduce((sum, r) => sum + r.weight, 0) >= needed;
          const frames = streak.length >= 2 || alone || needed === 1;
          // Never reported without the evidence; and a fresh key with it is never left waiting.
          expect(decision).toBe(enough && frames ? 'report' : 'pending');
          if (decision === 'report') streak = [];
        }
      }),
    );
  });

  it('restarts the Code 39 streak on a disagreeing read (a misread never completes a streak)', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('Y110029399', 'code_39', 0)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 70)).toBe('pending');
    expect(acceptor.offer('Y110028399', 'code_39', 140)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 210)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 280)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 350)).toBe('report');
  });

  it('does not count reads further apart than the confirmation window as consecutive', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('Y110029399', 'code_39', 0)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 1000)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 2600)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 2700)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 2800)).toBe('report');
  });

  it('keeps QR and Code 39 streaks apart and honours custom confirmation counts', () => {
    const acceptor = createScanAcceptor({ ...options, confirmations: { qr_code: 2, code_39: 2 } });
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 10)).toBe('pending');
    expect(acceptor.offer('A045198723', 'qr_code', 20)).toBe('report');
    expect(acceptor.offer('Y110029399', 'code_39', 30)).toBe('report');
  });

  it('never reports a Code 39 text that did not come up in N consecutive reads (fuzz)', () => {
    const read = fc.record({
      key: fc.constantFrom('Y110029399', 'Y110028399', 'Y11OO29399'),
      gap: fc.nat(400),
    });
    fc.assert(
      fc.property(fc.array(read, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), (reads, needed) => {
        const acceptor = createScanAcceptor({ ...options, confirmations: { qr_code: 1, code_39: needed } });
        let now = 0;
        const history: Array<{ key: string; at: number }> = [];
        for (const { key, gap } of reads) {
          now += gap;
          history.push({ key, at: now });
          if (acceptor.offer(key, 'code_39', now) !== 'report') continue;
          const tail = history.slice(-needed);
          expect(tail).toHaveLength(needed);
          expect(tail.every((r) => r.key === key)).toBe(true);
        }
      }),
    );
  });
});
