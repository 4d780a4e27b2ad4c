// An "availability check" reads the tally, then the write happens later without a lock: caps overshoot under load.
import { patched } from '../lib/define.mjs';
const file = 'usage/register-usage.ts';
export default patched(
  'cap-check-then-write',
  'broken',
  'The sandbox reads the tally and inserts the usage in one SQLite transaction (...) so concurrent terminals (...) can never exceed a cap',
  [
    {
      file,
      from: 'const PENDING_TIMEOUT_MS = 30_000;',
      to: 'const PENDING_TIMEOUT_MS = 30_000;\nconst STALE = new WeakMap<object, number>();',
    },
    {
      file,
      from: 'ticketsGiven: (await repo.tally(owner, show.id)).given',
      to: 'ticketsGiven: STALE.get(usage) ?? (await repo.tally(owner, show.id)).given',
    },
    {
      file,
      from: 'if (ctx.beforeDecide) await ctx.beforeDecide();',
      to: 'if (ctx.beforeDecide) await ctx.beforeDecide();\n    STALE.set(usage, (await ctx.repo.tally(usage.forVenueId ?? usage.venueId, usage.show.id)).given);\n    await new Promise((r) => setTimeout(r, 15));',
    },
  ],
);
