// Every collection counts in full, also the tickets its booking already holds.
import { patched } from '../lib/define.mjs';
export default patched(
  'collection-counted-again',
  'broken',
  "A collection may hand out what the card's uncollected bookings for the show hold, without counting it again — also on a show that is full.",
  [
    {
      file: 'usage/register-usage.ts',
      from: '? { alreadyCounted: await repo.bookedUncollected(usage.cardId, owner, show.id) }',
      to: '? { alreadyCounted: 0 }',
    },
  ],
);
