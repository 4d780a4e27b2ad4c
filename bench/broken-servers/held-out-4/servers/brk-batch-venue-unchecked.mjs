// Broken: the batch route forgets the venue binding; a batch item may act for any `venueId`.
import { patched } from '../lib.mjs';
export default patched('brk-batch-venue-unchecked', 'broken', 'venue binding holds for batch items.', [
  {
    file: 'http/api-routes.ts',
    from: 'const refusal = mayRegister(ctx, venue, usage);\n    const outcome',
    to: 'const refusal = mayRegister(ctx, undefined, usage);\n    const outcome',
  },
]);
