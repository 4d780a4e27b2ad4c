// A collection is treated as a formality: the card's status and validity are checked at booking only.
import { patched } from '../lib.mjs';
export default patched(
  'collection-skips-card-check',
  'broken',
  'collection-card-checks: a collection checks the card (status, validity) as a booking does.',
  [
    {
      file: 'usage/register-usage.ts',
      from: '    card,\n    event: toUsageEvent(',
      to: "    card: usage.mode === 'collection' ? { ...card, status: 'active', validUntil: '9999-12-31' } : card,\n    event: toUsageEvent(",
    },
  ],
);
