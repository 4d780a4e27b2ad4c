/**
 * The known name an unknown one probably meant, by spelling alone (`field-issues.ts` adds other names for the
 * same thing). Kept apart and small: every option bag is checked with it, `parseCardId`'s included, so it is in
 * the first download of every page.
 */

/**
 * The same name in other case, else the closest name containing it or contained in it (`given` →
 * `ticketsGiven`), else one a typo or two away (a swapped pair of letters is one typo); `undefined` when none is
 * close.
 *
 * @example
 * closestName('tokne', ['token', 'port']); // 'token'
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const key of known) {
    const k = key.toLowerCase();
    // Same name in other case: 0 (beats everything); containing: below any typo, nearer lengths first.
    const score =
      k === lower
        ? -1e9
        : lower.length >= 3 && k.length >= 3 && (k.includes(lower) || lower.includes(k))
          ? Math.abs(k.length - lower.length) - 1e6
          : editDistance(lower, k);
    if (score < bestScore) [best, bestScore] = [key, score];
  }
  return best;
}

/** Edit distance counting an adjacent transposition as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    d[i] = [i];
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] =
        i === 0
          ? j
          : Math.min(
              d[i - 1]![j]! + 1,
              d[i]![j - 1]! + 1,
              d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
              i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? d[i - 2]![j - 2]! + 1 : 1e9,
            );
    }
  }
  return d[a.length]![b.length]!;
}
