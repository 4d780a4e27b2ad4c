// Voids at any time: the 15-minute / show-start window was never implemented.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-no-window',
  'broken',
  "The window: 15 minutes after the registration (`registeredAt`, the server's clock), and never once the show has started, whichever comes first. After it: `422 void-window-closed`",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'if (record.voidedAt === undefined && !window.ok) {',
      to: 'if (false && !window.ok) {',
    },
  ],
);
