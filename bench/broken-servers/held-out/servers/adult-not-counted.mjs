// Counts only the children against the cap: the implied adult ticket never reaches the tally.
import { patched } from '../lib.mjs';
export default patched(
  'adult-not-counted',
  'broken',
  'A booking counts the adult ticket, children, group members and under-16 clients against the cap.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'counted: decision.countedAgainstCap,',
      to: 'counted: Math.max(0, decision.countedAgainstCap - 1),',
    },
  ],
);
