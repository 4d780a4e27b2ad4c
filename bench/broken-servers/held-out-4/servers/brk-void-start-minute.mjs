// Broken: the void window's "show has started" is checked to the minute, inclusive: a void is taken until the minute
// after the start.
import { patched } from '../lib.mjs';
export default patched('brk-void-start-minute', 'broken', 'void window: never once the show has started.', [
  {
    file: 'usage/register-usage.ts',
    from: 'checkVoidWindow({ registeredAt, showStart, now,',
    to: 'checkVoidWindow({ registeredAt, showStart: new Date(Math.floor(Date.parse(showStart) / 60_000) * 60_000 + 60_000).toISOString(), now,',
  },
]);
