// Files a ticket agent's sale under the agent's own venue: the owning venue's cap, tally and list never see it.
import { AGENTS, patched } from '../lib.mjs';
export default patched(
  'agent-counts-own-venue',
  'broken',
  "An agent's usage counts against the owning venue's show (cap and tally) and is listed among its usages.",
  [
    {
      file: 'db/store.ts',
      from: 'request.venueId,\n        request.forVenueId ?? request.venueId,',
      to: 'request.venueId,\n        request.venueId,',
    },
  ],
  AGENTS,
);
