// The key store marks a key "pending" but never reads that mark: a copy sent while the first is still being decided
// goes through to a decision of its own (here: `already-used`, against its own first copy) and overwrites the key.
import { patched } from '../lib.mjs';
export default patched(
  'idem-in-flight-unguarded',
  'broken',
  'in-flight: the same key while the first request is still processed is `409 idempotency-key-in-progress`.',
  [
    {
      file: 'usage/register-usage.ts',
      from: "if (row?.state === 'pending' && nowMs - row.locked_at < PENDING_TIMEOUT_MS)",
      to: "if (row?.state === 'pending' && nowMs - row.locked_at < 0)",
    },
    {
      file: 'usage/register-usage.ts',
      from: 'if (ctx.beforeDecide) await ctx.beforeDecide();',
      to: "await new Promise((ok) => setTimeout(ok, 40)); // the ORM's round trips\n    if (ctx.beforeDecide) await ctx.beforeDecide();",
    },
  ],
);
