// Broken: a ticket agent's first usage of a show the venue has not stored stores the agent's `show.cap` (upsert).
import { patched } from '../lib.mjs';
export default patched('brk-agent-sets-cap', 'broken', "agent: an agent's `show.cap` is never stored.", [
  {
    file: 'usage/register-usage.ts',
    from: 'if (!show && owner === usage.venueId) await repo.putShow',
    to: 'if (!show) await repo.putShow',
  },
]);
