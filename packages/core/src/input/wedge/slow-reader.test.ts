import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { emulateReader } from './emulate-reader.test-support.js';
import { parseCardId } from '../../card-id/parse-card-id.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeRecord } from './types.js';

// A reader slower than the default timing (median gap over 35 ms) types a whole card ID and its terminator with
// nothing focused: that is no person's typing for the page, and it must not vanish without a word (issue 49.6).
function run(records: readonly WedgeRecord[], options: WedgeClassifierOptions = {}): WedgeEffect[] {
  const last = records[records.length - 1]?.timeStamp ?? 0;
  return classifyWedgeStream([...records, { type: 'idle', timeStamp: last + 10_000 }], {
    parse: parseCardId,
    ...options,
  });
}
const outcomes = (effects: readonly WedgeEffect[]) =>
  effects.flatMap((e) =>
    e.kind === 'scan' ? [`scan ${e.scan.id}`] : e.kind === 'error' ? [e.error.code] : [],
  );
const ids = ['A045198723', 'X000011986', 'Y110029399', 'AM045198723', 'Z000010669'];

describe('a reader slower than the default timing', () => {
  it('is said as reading-too-slow with its median gap, in fi/sv/en, whatever its pace up to 80 ms', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.integer({ min: 36, max: 79 }), (id, gapMs) => {
        const effects = run(emulateReader(id, { gapMs }));
        expect(outcomes(effects)).toEqual(['reading-too-slow']);
        const error = effects.find((e) => e.kind === 'error');
        if (error?.kind !== 'error') throw new Error('no error');
        expect(error.error.params).toEqual({ medianMs: gapMs });
        for (const text of Object.values(error.error.message)) expect(text).toContain(String(gapMs));
        // The text never carries the ID.
        expect(JSON.stringify(error.error)).not.toContain(id.slice(1));
      }),
      { seed: 49, numRuns: 60 },
    );
  });

  it('is read, not refused, once its timing is set (as calibration sets it)', () => {
    const effects = run(emulateReader('A045198723', { gapMs: 50 }), { maxMedianInterKeyMs: 70 });
    expect(outcomes(effects)).toEqual(['scan A045198723']);
  });

  it('says nothing of fast typing that ends in silence, without a terminator (a person who paused)', () => {
    const silent = emulateReader('A045198723', { gapMs: 50, terminator: 'none' });
    expect(outcomes(run(silent))).toEqual([]);
  });

  it("says nothing of typing in the page's own field, or of slow keys that are no card ID", () => {
    const inField = emulateReader('A045198723', { gapMs: 50 }).map((r) => ({ ...r, hostField: true }));
    expect(outcomes(run(inField))).toEqual([]);
    expect(outcomes(run(emulateReader('hello world', { gapMs: 50 })))).toEqual([]);
  });
});
