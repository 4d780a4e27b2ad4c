/**
 * Masks anything that could carry a card ID in a log line: digits written together or apart — with spaces,
 * hyphens, dots, zero-width or other invisible characters between them (`A045 198 723`, `A045-198-723`,
 * `A045\u200b198723`) — count as one number when no letter interrupts them, and every such number of seven or more
 * digits keeps its first four and loses the rest (`A045198723` → `A0451•••••`). The line is percent-decoded first,
 * and no word boundary is required, so `/v1/cards/%41045198723`, `A045198723Q` (a check character) and full-width
 * digits are masked too. Request logs never print a card ID in full. Pass only the part of a line that can hold an
 * ID (the request line logs its path through this, then status and time): a time such as `1234.5` would count.
 *
 * @example
 * maskCardIds('GET /v1/cards/A045198723'); // 'GET /v1/cards/A0451•••••'
 * maskCardIds('GET /v1/cards/A045-198-723'); // 'GET /v1/cards/A045-1••-•••'
 */
export function maskCardIds(text: string): string {
  return percentDecode(text).replace(/\p{Nd}(?:[^\p{L}\p{Nd}]{0,8}\p{Nd})*/gu, (run) => {
    let digits = 0;
    for (const c of run) if (/\p{Nd}/u.test(c)) digits++;
    if (digits < 7) return run;
    let seen = 0;
    return [...run].map((c) => (/\p{Nd}/u.test(c) && ++seen > 4 ? '•' : c)).join('');
  });
}

/** Decodes `%XX` escapes without ever throwing on a malformed sequence (each valid escape is decoded on its own). */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
