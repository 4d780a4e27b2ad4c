// A collection of a booked card is treated as covered in full, even when it hands out more than was booked.
import { patched } from '../lib/define.mjs';
export default patched(
  'collection-beyond-booking-free',
  'broken',
  'Anything beyond the booking is a new usage of those tickets: it counts against the cap like a booking and is refused when it does not fit.',
  [
    {
      file: 'usage/register-usage.ts',
      from: '? { alreadyCounted: await repo.bookedUncollected(usage.cardId, owner, show.id) }',
      to: '? { alreadyCounted: (await repo.bookedUncollected(usage.cardId, owner, show.id)) > 0 ? 1 + usage.childTickets + (usage.group ? usage.group.memberCardIds.length + usage.group.under16Clients : 0) : 0 }',
    },
  ],
);
