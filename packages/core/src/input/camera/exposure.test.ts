import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideExposure, EXPOSURE, type ExposureEvidence, type ExposureState } from './exposure.js';
import type { ZoomRange } from './types.js';

/** Ranges as tracks report them (Android: ±2…±4 EV in steps of ⅙ or ⅓; some none at all). */
const range = fc
  .record({
    min: fc.constantFrom(-4, -3, -2, -1),
    max: fc.constantFrom(1, 2, 3, 4),
    step: fc.constantFrom(0, 1 / 6, 1 / 3, 0.5, 1),
  })
  .chain((r) =>
    fc.record({ range: fc.constant(r), original: fc.double({ min: r.min, max: r.max, noNaN: true }) }),
  );

/** A frame's evidence, `gap` ms after the one before. */
const frame = fc.record({
  gap: fc.integer({ min: 0, max: 1500 }),
  // fast-check's doubles lean to 0 and tiny values: glare either side of the threshold is drawn as often.
  glare: fc.option(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.05, 0.2, 0.6)), {
    nil: undefined,
  }),
  read: fc.boolean(),
  accepted: fc.boolean(),
});

/** Frames close together, mostly glaring: steps as fast as the decision allows. */
const burst = fc.record({
  gap: fc.integer({ min: 0, max: 300 }),
  glare: fc.constantFrom(undefined, 0, 0.2, 0.6, 1),
  read: fc.boolean(),
});

const start = (original: number): ExposureState => ({
  original,
  value: original,
  hot: 0,
  changed: 0,
  seen: 0,
});

/** Runs frames through the decision: each state and each `set`. */
function run(
  r: ZoomRange,
  original: number,
  frames: readonly (Omit<ExposureEvidence, 'at'> & { gap: number })[],
) {
  let [state, at] = [start(original), 0];
  const sets: number[] = [];
  const times: number[] = [];
  for (const { gap, ...evidence } of frames) {
    at += gap;
    const decided = decideExposure(state, { ...evidence, at }, r);
    state = decided.state;
    if (decided.set !== undefined) sets.push(decided.set);
    if (decided.set !== undefined && decided.set < original) times.push(at);
  }
  return { state, sets, times, at };
}

describe('decideExposure', () => {
  it('never sets below the range (nor above where the scan started), and says each change once', () => {
    fc.assert(
      fc.property(range, fc.array(frame, { maxLength: 80 }), ({ range: r, original }, frames) => {
        const { state, sets } = run(r, original, frames);
        for (const v of sets) expect(v >= Math.min(r.min, original) && v <= original).toBe(true);
        sets.forEach((v, i) => expect(v).not.toBe(i === 0 ? original : sets[i - 1]));
        expect(state.value).toBe(sets.at(-1) ?? original);
      }),
    );
  });

  it('on a constant input moves one way only: down to the bound under glare, never back up', () => {
    fc.assert(
      fc.property(range, frame, fc.integer({ min: 1, max: 200 }), ({ range: r, original }, one, n) => {
        const steady = { ...one, gap: Math.max(one.gap, 1), accepted: false };
        const { sets } = run(
          r,
          original,
          Array.from({ length: n }, () => steady),
        );
        const down = sets.every((v, i) => v < (i === 0 ? original : (sets[i - 1] as number)));
        const restored = sets.length === 1 && sets[0] === original;
        expect(down || restored || sets.length === 0).toBe(true);
        const glaring = steady.glare !== undefined && steady.glare >= EXPOSURE.glare;
        // Enough frames, spaced past the settling time, reach the bound; no glare never lowers.
        if (glaring && steady.gap >= EXPOSURE.settleMs && n >= 2 * (1 + (original - r.min) / 0.1))
          expect(sets.at(-1)).toBe(r.min);
        if (!glaring) expect(sets).toEqual([]);
      }),
    );
  });

  it('restores the original when a card is accepted, or no code was seen for a while', () => {
    fc.assert(
      fc.property(
        range,
        fc.array(frame, { maxLength: 60 }),
        fc.boolean(),
        ({ range: r, original }, frames, accept) => {
          const { state, at } = run(r, original, frames);
          const last = accept
            ? { at: at + 1, read: true, accepted: true }
            : { at: at + EXPOSURE.restoreMs, read: false };
          const decided = decideExposure(state, last, r);
          expect(decided.state.value).toBe(original);
          expect(decided.set).toBe(state.value === original ? undefined : original);
        },
      ),
    );
  });

  it('waits for the camera to expose anew between steps, and one glaring frame at a time never steps', () => {
    fc.assert(
      fc.property(range, fc.array(burst, { maxLength: 80 }), ({ range: r }, frames) => {
        const { times } = run(r, r.max, frames);
        times.forEach(
          (t, i) => i > 0 && expect(t - (times[i - 1] as number)).toBeGreaterThanOrEqual(EXPOSURE.settleMs),
        );
        const flicker = frames.map((f, i) => ({ ...f, glare: i % 2 ? 0 : 1, accepted: false }));
        expect(run(r, r.max, flicker).sets).toEqual([]);
      }),
    );
  });

  it('steps by a multiple of the track step near ½ EV, holding while the code stays in view', () => {
    const r = { min: -2, max: 2, step: 1 / 6 };
    const hot = { gap: 500, glare: 0.4, read: false };
    const { sets } = run(r, 0, [
      hot,
      hot,
      hot,
      hot,
      { gap: 500, glare: 0, read: false },
      { gap: 1500, read: true },
    ]);
    expect(sets).toEqual([-0.5, -1]);
  });
});
