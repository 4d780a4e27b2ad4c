// Idempotency keys in one global table, not scoped to the venue.
import { patched } from '../lib/define.mjs';
export default patched(
  'idem-keys-global',
  'broken',
  'Keys are scoped to the venue the request acts for (...): the same key sent for another venue is another key — it registers on its own, and neither collides with the first (a `422` would tell the other venue that the key was used) nor replays its answer.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'const key = scopedKey(clientKey, usage.venueId);',
      to: 'const key = clientKey;',
    },
  ],
);
