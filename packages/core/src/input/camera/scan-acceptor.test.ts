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

  it('reports the same card again once it has been out of view for the whole window', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('report');
    expect(acceptor.offer('A045198723', 'qr_code', 2999)).toBe('duplicate');
    expect(acceptor.offer('A045198723', 'qr_code', 5998)).toBe('duplicate');
    expect(acceptor.offer('A045198723', 'qr_code', 8998)).toBe('report');
  });

  it('needs three agreeing consecutive Code 39 reads', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('Y110029399', 'code_39', 0)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 70)).toBe('pending');
    expect(acceptor.offer('Y110029399', 'code_39', 140)).toBe('report');
    expect(acceptor.offer('Y110029399', 'code_39', 210)).toBe('duplicate');
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

  it('reset() forgets reported cards', () => {
    const acceptor = createScanAcceptor(options);
    expect(acceptor.offer('A045198723', 'qr_code', 0)).toBe('report');
    acceptor.reset();
    expect(acceptor.offer('A045198723', 'qr_code', 10)).toBe('report');
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
