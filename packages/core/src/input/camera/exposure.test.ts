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
  glare: fc.option(
    fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0.05, 0.2, 0.6, NaN)),
    {
      nil: undefined,
    },
  ),
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

  it('never leaves [floor, start]: at most EXPOSURE.depth below where it started, never below the range', () => {
    fc.assert(
      fc.property(range, fc.array(frame, { maxLength: 120 }), ({ range: r, original }, frames) => {
        const floor = Math.max(r.min, original - EXPOSURE.depth);
        const { sets } = run(r, original, frames);
        for (const v of sets) expect(v >= floor - 1e-9 && v <= original).toBe(true);
      }),
    );
  });

  it('under glare that never lessens (a lamp over a glossy ticket) ends where it started, not at the minimum', () => {
    fc.assert(
      fc.property(
        range,
        fc.array(
          fc.record({
            gap: fc.integer({ min: 1, max: 800 }),
            step: fc.double({ min: 0, max: 0.2, noNaN: true }),
          }),
          {
            minLength: 1,
            maxLength: 120,
          },
        ),
        fc.double({ min: EXPOSURE.glare, max: 0.6, noNaN: true }),
        ({ range: r, original }, steps, first) => {
          // Each frame's glare at least the one before: lowering never helped.
          let glare = first;
          const frames = steps.map(({ gap, step }) => ({
            gap,
            glare: (glare = Math.min(1, glare + step)),
            read: false,
          }));
          // Then the same glare long enough for the camera to expose anew and for two frames to show it.
          frames.push(...Array.from({ length: 4 }, () => ({ gap: EXPOSURE.settleMs, glare, read: false })));
          const { sets, state } = run(r, original, frames);
          expect(sets.filter((v) => v < original).length).toBeLessThanOrEqual(1);
          expect(state.value).toBe(original);
        },
      ),
    );
  });

  it('lowers again only where the last step lessened the glare; after a step back, not until restored', () => {
    fc.assert(
      fc.property(range, fc.array(frame, { maxLength: 120 }), ({ range: r, original }, frames) => {
        let [state, at, downAt, back] = [start(original), 0, undefined as number | undefined, false];
        for (const { gap, ...evidence } of frames) {
          at += gap;
          const { state: next, set } = decideExposure(state, { ...evidence, at }, r);
          if (set === original) [downAt, back] = [undefined, false];
          else if (set !== undefined && set < state.value) {
            expect(back, 'no lowering after a step back').toBe(false);
            if (downAt !== undefined) expect(evidence.glare as number).toBeLessThan(downAt);
            downAt = evidence.glare;
          } else if (set !== undefined) back = true;
          state = next;
        }
      }),
    );
  });

  it('holds on a frame not measured for time (NaN): no step, no restore, glaring frames still counted', () => {
    fc.assert(
      fc.property(range, fc.array(frame, { maxLength: 60 }), ({ range: r, original }, frames) => {
        const { state, at } = run(r, original, frames);
        const decided = decideExposure(state, { at: at + EXPOSURE.restoreMs, glare: NaN, read: false }, r);
        expect(decided.set).toBeUndefined();
        expect(decided.state.hot).toBe(
          at + EXPOSURE.restoreMs - state.changed < EXPOSURE.settleMs ? 0 : state.hot,
        );
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
    const [hot, less] = [
      { gap: 500, glare: 0.6, read: false },
      { gap: 500, glare: 0.4, read: false },
    ];
    const { sets } = run(r, 0, [
      hot,
      hot,
      less,
      less,
      { gap: 500, glare: 0, read: false },
      { gap: 1500, read: true },
    ]);
    expect(sets).toEqual([-0.5, -1]);
  });
});
