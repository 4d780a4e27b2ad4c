// Takes bookings whenever asked: the show's booking window (opens a month before) is never checked.
import { patched } from '../lib.mjs';
export default patched(
  'booking-window-ignored',
  'broken',
  "A booking before the show's booking window opens is `422 booking-not-open` with `opensAt`.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'event: toUsageEvent(show, {',
      to: 'event: toUsageEvent({ ...show, bookingWindow: undefined }, {',
    },
  ],
);
