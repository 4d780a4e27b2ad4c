// Small on purpose: every option bag is checked with it, so it is in every page's first download.

/**
 * The same name in other case, else the nearest-length name containing it or in it (≥ 3 letters), else one a
 * single typo away (`tokne` → `token`); `undefined` when none is that close.
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
    if (score < bestScore) {
      best = key;
      bestScore = score;
    }
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
