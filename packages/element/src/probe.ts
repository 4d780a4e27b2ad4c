/** Largest request size the rules allow checked by asking them, so the element never re-implements a rule. */
export const PROBE_LIMIT = 20;

/**
 * The largest `n` in 0…`limit` for which `allowed(n)` holds, or -1 when none does. Every value is asked (no early
 * stop), because a rule may refuse small values (a community card with no group) and allow larger ones.
 *
 * @example
 * probeMax((n) => n <= 2) // 2
 */
export function probeMax(allowed: (n: number) => boolean, limit = PROBE_LIMIT): number {
  let best = -1;
  for (let n = 0; n <= limit; n++) if (allowed(n)) best = n;
  return best;
}
