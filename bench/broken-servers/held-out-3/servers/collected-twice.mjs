// "Already used" looks at bookings only: a collection (with or without a booking) can be repeated.
import { patched } from '../lib.mjs';
export default patched(
  'collected-twice',
  'broken',
  'once-per-show: a second collection of the same card for the same show is `already-used`.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'earlierUsages: await repo.cardUsages(usage.cardId, owner, show.id, usage.venueId),',
      to: "earlierUsages: (await repo.cardUsages(usage.cardId, owner, show.id, usage.venueId)).filter((u) => u.mode === 'booking'),",
    },
  ],
);
