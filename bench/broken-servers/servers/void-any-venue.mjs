// Voids by usage ID alone: any venue's token may take back any usage.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-any-venue',
  'broken',
  "Who: only the venue that registered the usage (the token's venue); another venue's token gets `403 forbidden`",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'if (venue !== undefined && venue !== found.venueId)',
      to: 'if (false && venue !== found.venueId)',
    },
  ],
);
