// A void repeated (a client's retry) is stamped again: `voidedAt` moves on every call.
import { patched } from '../lib.mjs';
export default patched(
  'void-retry-new-timestamp',
  'broken',
  'void-idempotent: voiding a voided usage answers the first `voidedAt` again.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'const voidedAt = record.voidedAt ?? now.toISOString();',
      to: 'const voidedAt = now.toISOString();',
    },
  ],
);
