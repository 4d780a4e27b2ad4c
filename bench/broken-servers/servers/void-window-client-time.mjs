// The void window counts from the terminal's `clientTime`, not the server's `registeredAt`.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-window-client-time',
  'broken',
  "The window: 15 minutes after the registration (`registeredAt`, the server's clock), and never once the show has started",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'const window = checkVoidWindow({ registeredAt, showStart, now,',
      to: 'const window = checkVoidWindow({ registeredAt: record.clientTime ?? registeredAt, showStart, now,',
    },
  ],
);
