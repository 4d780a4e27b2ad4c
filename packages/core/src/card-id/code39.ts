/** Code 39's mod-43 check character (the optional one some printers add and some scanners transmit). */

/** The 43 Code 39 data characters in value order (`'Z'` is 35). */
export const CODE39_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%';

/** The mod-43 check character of `data` (`A999005458` → `G`), or `undefined` for a character Code 39 lacks. */
export function code39CheckCharacter(data: string): string | undefined {
  let sum = 0;
  for (const c of data) {
    const value = CODE39_CHARSET.indexOf(c);
    if (value < 0) return undefined;
    sum += value;
  }
  return CODE39_CHARSET[sum % 43];
}
