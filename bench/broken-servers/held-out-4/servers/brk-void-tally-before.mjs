// Broken: the void answer's `showTally` is read before the void is written (the tally as it was).
import { patched } from '../lib.mjs';
export default patched('brk-void-tally-before', 'broken', 'void: `showTally` is the tally after the void.', [
  {
    file: 'usage/register-usage.ts',
    from: 'await repo.voidUsage(usageId, voidedAt);\n    const tally = await showTally(repo, ownerId, record.show.id, now);',
    to: 'const tally = await showTally(repo, ownerId, record.show.id, now);\n    await repo.voidUsage(usageId, voidedAt);',
  },
]);
