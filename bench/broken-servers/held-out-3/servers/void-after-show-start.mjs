// The void window counts only the 15 minutes after registration and forgets "never once the show has started".
import { patched } from '../lib.mjs';
export default patched(
  'void-after-show-start',
  'broken',
  'void-window: a usage cannot be voided once its show has started.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'if (record.voidedAt === undefined && !window.ok) {',
      to: 'if (record.voidedAt === undefined && !window.ok && Date.parse(registeredAt) < now.getTime() - 15 * 60_000) {',
    },
  ],
);
