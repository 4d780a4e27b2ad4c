// A vendor whose usages table has no terminal column: the name is accepted, then lost.
import { patched } from '../lib/define.mjs';
export default patched(
  'terminal-not-stored',
  'broken',
  "optionally `terminal`, the terminal's name (...) which the server stores, lists back and names in a later usage's `already-used`.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'request: { ...usage, show: recordedShow, idempotencyKey: clientKey },',
      to: 'request: { ...usage, terminal: undefined, show: recordedShow, idempotencyKey: clientKey },',
    },
  ],
);
