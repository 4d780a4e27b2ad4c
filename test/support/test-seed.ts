// The seed of a randomised test (property tests, the outbox chaos tests): fixed in `npm test`, so a run is
// repeatable and CI never turns red on the day a random seed happens to find a case. A search is run on purpose:
// `<VARIABLE>=random` draws a new seed (the test prints it), `<VARIABLE>=<n>` replays one. Browser-safe (no `process`).

export const SUITE_SEED = 20261124;

/** The seed `requested` through `variable` (unset or empty: `SUITE_SEED`); anything but an integer or "random" throws. */
export function testSeed(variable: string, requested: string | undefined): number {
  if (requested === 'random') return Math.floor(Math.random() * 100_000);
  const seed = requested === undefined || requested === '' ? SUITE_SEED : Number(requested);
  if (!Number.isInteger(seed))
    throw new RangeError(`${variable} must be an integer or "random", not ${requested}`);
  return seed;
}
