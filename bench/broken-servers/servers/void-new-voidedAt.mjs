// Answers a repeated void with the time of the repeat, not the first voidedAt.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-new-voidedAt',
  'broken',
  'Idempotent: voiding a voided usage answers `200` again with the same `voidedAt`',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'const voidedAt = record.voidedAt ?? now.toISOString();',
      to: 'const voidedAt = now.toISOString();',
    },
  ],
);
