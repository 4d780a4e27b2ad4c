/**
 * Masks anything that could carry a card ID in a log line: every run of seven or more digits keeps its
 * first four and loses the rest (`A045198723` → `A0451•••••`). The line is percent-decoded first, and no
 * word boundary is required, so `/v1/cards/%41045198723`, `A045198723Q` (a check character) and full-width
 * digits are masked too. Request logs never print a card ID in full.
 *
 * @example
 * maskCardIds('GET /v1/cards/A045198723'); // 'GET /v1/cards/A0451•••••'
 */
export function maskCardIds(text: string): string {
  return percentDecode(text).replace(
    /(\p{Nd}{4})(\p{Nd}{3,})/gu,
    (_m, shown: string, hidden: string) => `${shown}${'•'.repeat([...hidden].length)}`,
  );
}

/** Decodes `%XX` escapes without ever throwing on a malformed sequence (each valid escape is decoded on its own). */
function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}
