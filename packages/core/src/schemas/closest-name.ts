/**
 * The known option an unknown one probably meant, by spelling alone. Small on purpose: every option bag is
 * checked with it, `parseCardId`'s and the wedge listener's included, so it is in the first download of every page
 * (`suggestField` in `field-issues.ts`, for data fields, also knows other names for the same thing).
 */

/**
 * The same name in other case, else the nearest-length name containing it or contained in it (`maxInterKey` →
 * `maxInterKeyMs`, at least three letters), else one a single typo away: a letter changed, added, dropped, or two
 * neighbours swapped (`tokne` → `token`). `undefined` when none is that
 * close.
 *
 * @example
 * closestName('tokne', ['token', 'port']); // 'token'
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const a = name.toLowerCase();
  let best: string | undefined;
  let bestScore = 2;
  for (const key of known) {
    const b = key.toLowerCase();
    const score =
      a === b
        ? -1e9
        : a.length > 2 && b.length > 2 && (a.includes(b) || b.includes(a))
          ? Math.abs(a.length - b.length) - 1e6
          : oneTypo(a, b)
            ? 1
            : 2;
    if (score < bestScore) [best, bestScore] = [key, score];
  }
  return best;
}

/** Whether `b` is `a` with one letter changed, added or dropped, or two neighbouring letters swapped. */
function oneTypo(a: string, b: string): boolean {
  let i = 0;
  while (a[i] === b[i]) i++;
  const same = (x: number, y: number): boolean => a.slice(x) === b.slice(y);
  return (
    same(i + 1, i + 1) ||
    same(i + 1, i) ||
    same(i, i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && same(i + 2, i + 2))
  );
}
