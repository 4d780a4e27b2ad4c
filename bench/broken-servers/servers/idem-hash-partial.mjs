// The request fingerprint covers only card, show and mode: another body under the same key is replayed.
import { patched } from '../lib/define.mjs';
export default patched(
  'idem-hash-partial',
  'broken',
  'same key, different body → `422 idempotency-key-reused`',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'update(JSON.stringify(usage))',
      to: 'update(JSON.stringify([usage.cardId, usage.show.id, usage.mode]))',
    },
  ],
);
