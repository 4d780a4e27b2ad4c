// Gives expired cards a day's grace: a card that expired yesterday still works today.
import { patched } from '../lib.mjs';
export default patched(
  'expired-grace-day',
  'broken',
  '`validUntil` is the last valid day, inclusive: from the next Helsinki day the card is `card-expired`.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'card,\n    event:',
      to: 'card: { ...card, validUntil: helsinkiDay(new Date(Date.parse(card.validUntil) + 86_400_000)) },\n    event:',
    },
  ],
);
