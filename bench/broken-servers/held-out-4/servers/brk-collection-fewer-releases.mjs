// Broken: a collection of fewer tickets than booked gives the difference back to the tally.
import { patched } from '../lib.mjs';
export default patched(
  'brk-collection-fewer-releases',
  'broken',
  'collection: fewer than booked releases nothing.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'counted: decision.countedAgainstCap,\n        covered',
      to: "counted: decision.countedAgainstCap - (usage.mode === 'collection' ? Math.max(0, (await repo.bookedUncollected(usage.cardId, owner, show.id)) - decision.tickets.total) : 0),\n      covered",
    },
  ],
);
