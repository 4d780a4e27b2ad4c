// Hides another venue's usage behind a 404 instead of the contract's 403.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-other-venue-404',
  'broken',
  "Who: only the venue that registered the usage (the token's venue); another venue's token gets `403 forbidden`, like the agent model.",
  [
    {
      file: 'usage/register-usage.ts',
      from: "return refused(problems.forbidden('Only the venue that registered a usage may void it.'));",
      to: 'return refused(problems.usageNotFound());',
    },
  ],
);
