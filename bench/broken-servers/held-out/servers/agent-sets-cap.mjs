// Stores the show settings of whoever sells first, a ticket agent included: the agent's `show.cap` becomes the venue's.
import { AGENTS, patched } from '../lib.mjs';
export default patched(
  'agent-sets-cap',
  'broken',
  "Only the owning venue stores a show's settings; an agent's `show.cap`/`seats` are never stored or used.",
  [{ file: 'usage/register-usage.ts', from: 'if (!show && owner === usage.venueId)', to: 'if (!show)' }],
  AGENTS,
);
