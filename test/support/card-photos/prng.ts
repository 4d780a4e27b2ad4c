/** Seeded PRNG (mulberry32): the same seed renders the same corpus on every machine. */
export type Random = {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Approximately normal (mean 0, sd 1). */
  gauss(): number;
  /**
   * Fills `out` with the next `out.length` values of `gauss()`, in order: the same numbers as that many calls,
   * without a call per number (sensor noise takes one a pixel, millions a frame).
   */
  gaussFill(out: Float64Array): void;
};

export function createRandom(seed: number): Random {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    gauss: () => next() + next() + next() + next() + next() + next() - 3,
    gaussFill: (out) => {
      // `next` inlined on a local copy of the state. Each next() is a multiple of 2^-32 below 1, so gauss's float sum
      // of six and the − 3 are exact: summing the integers and scaling once gives the very same number.
      let s = state;
      for (let i = 0; i < out.length; i++) {
        let sum = 0;
        for (let k = 0; k < 6; k++) {
          s = (s + 0x6d2b79f5) >>> 0;
          let t = s;
          t = Math.imul(t ^ (t >>> 15), t | 1);
          t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
          sum += (t ^ (t >>> 14)) >>> 0;
        }
        out[i] = (sum - 3 * 4294967296) * 2 ** -32;
      }
      state = s;
    },
  };
  return random;
}

/** Mixes a case number into a seed (so case k of seed s does not depend on how many cases precede it). */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x5bd1e995, 0x01000193) + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}
