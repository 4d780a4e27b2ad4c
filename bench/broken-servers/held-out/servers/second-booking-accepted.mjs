// Checks "already used" against collections only: a card may book the same show again and again.
import { patched } from '../lib.mjs';
export default patched(
  'second-booking-accepted',
  'broken',
  'A card has one usage per show: a second booking is refused as `already-used`.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'earlierUsages: await repo.cardUsages(usage.cardId, owner, show.id, usage.venueId),',
      to: "earlierUsages: (await repo.cardUsages(usage.cardId, owner, show.id, usage.venueId)).filter((u) => u.mode !== 'booking' || usage.mode !== 'booking'),",
    },
  ],
);
