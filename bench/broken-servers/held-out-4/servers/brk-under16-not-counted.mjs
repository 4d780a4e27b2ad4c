// Broken: a community usage's under-16 clients are given tickets but not counted against the cap.
import { patched } from '../lib.mjs';
export default patched(
  'brk-under16-not-counted',
  'broken',
  'booking counts every ticket (under-16 clients too).',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'counted: decision.countedAgainstCap,\n        covered',
      to: 'counted: decision.countedAgainstCap - (usage.group?.under16Clients ?? 0),\n        covered',
    },
  ],
);
