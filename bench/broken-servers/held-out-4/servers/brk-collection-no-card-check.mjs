// Broken: a collection skips the card's status check (it was checked at booking, so why again).
import { patched } from '../lib.mjs';
export default patched(
  'brk-collection-no-card-check',
  'broken',
  'collection checks the card as a booking does.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'const decision = await decide(ctx, repo, usage, card, show, now);',
      to: "const decision = await decide(ctx, repo, usage, usage.mode === 'collection' ? { ...card, status: 'active' } : card, show, now);",
    },
  ],
);
