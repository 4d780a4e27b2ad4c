/**
 * Masks anything shaped like a card ID (1–2 letters and 7+ digits) in a log line, keeping the
 * prefix and four digits: `A045198723` → `A0451•••••`. Request logs never print a card ID in full.
 *
 * @example
 * maskCardIds('GET /v1/cards/A045198723'); // 'GET /v1/cards/A0451•••••'
 */
export function maskCardIds(text: string): string {
  return text.replace(
    /(^|[^A-Za-z0-9])([A-Za-z]{1,2})(\d{4})(\d{3,})(?![A-Za-z0-9])/g,
    (_m, lead: string, prefix: string, shown: string, hidden: string) =>
      `${lead}${prefix}${shown}${'•'.repeat(hidden.length)}`,
  );
}
