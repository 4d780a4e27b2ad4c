// Broken: a collection with any booking is treated as covered in full, children added at the door included.
import { patched } from '../lib.mjs';
export default patched(
  'brk-collection-beyond-free',
  'broken',
  'collection: tickets beyond the booking count against the cap.',
  [
    {
      file: 'usage/register-usage.ts',
      from: '{ alreadyCounted: await repo.bookedUncollected(usage.cardId, owner, show.id) }',
      to: '{ alreadyCounted: (await repo.bookedUncollected(usage.cardId, owner, show.id)) > 0 ? 99 : 0 }',
    },
  ],
);
