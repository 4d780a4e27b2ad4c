// Broken: the venue whose show it is may void its ticket agent's usage (only the registering venue may).
import { patched } from '../lib.mjs';
export default patched(
  'brk-owner-voids-agent-usage',
  'broken',
  'void: only the venue that registered the usage.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'if (venue !== undefined && venue !== found.venueId)',
      to: 'if (venue !== undefined && venue !== found.venueId && venue !== found.ownerId)',
    },
  ],
);
