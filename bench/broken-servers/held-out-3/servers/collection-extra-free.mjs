// A card with a booking collects whatever it asks for without counting: the extra children walk past the cap.
import { patched } from '../lib.mjs';
export default patched(
  'collection-extra-free',
  'broken',
  'collection-beyond: tickets beyond the booking count against the cap and are refused when they do not fit.',
  [
    {
      file: 'usage/register-usage.ts',
      from: '? { alreadyCounted: await repo.bookedUncollected(usage.cardId, owner, show.id) }',
      to: '? { alreadyCounted: (await repo.bookedUncollected(usage.cardId, owner, show.id)) > 0 ? 1 + usage.childTickets + (usage.group?.memberCardIds.length ?? 0) + (usage.group?.under16Clients ?? 0) : 0 }',
    },
  ],
);
