// Anything shaped like a card ID (a letter or two and 6+ digits, grouped or not), wherever it is: a row
// whose columns slipped can put a card ID in the date or count column, and messages never carry one.
const CARD_ID_LIKE = /[A-Za-z]{1,2}[\s*'-]?\d(?:[\s-]?\d){5,}/g;

/**
 * A cell's text for a message: card-ID-like parts blanked out, at most 40 characters.
 *
 * @example
 * clip('A045198723 3.2.2020'); // '••• 3.2.2020'
 */
export const clip = (text: string): string => {
  const safe = text.replace(CARD_ID_LIKE, '•••');
  return safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
};
