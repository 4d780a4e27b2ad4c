/**
 * Masks a card ID for terminal output: the prefix letters and the last two characters stay, so a clerk
 * can still find the row, but the ID cannot be copied from a screen, a log or a CI transcript.
 *
 * @example
 * maskCardId('A045198723'); // 'A*******23'
 */
export function maskCardId(cardId: string): string {
  if (cardId.length <= 4) return '*'.repeat(cardId.length);
  const prefix = /^[A-Za-z]{0,2}/.exec(cardId)?.[0] ?? '';
  const keep = Math.min(prefix.length, cardId.length - 4);
  return cardId.slice(0, keep) + '*'.repeat(cardId.length - keep - 2) + cardId.slice(-2);
}
