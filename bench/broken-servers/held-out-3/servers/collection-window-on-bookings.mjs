// The show's collection window is applied to every usage of the show: a booking before the evening is refused as
// `collection-not-open`.
import { patched } from '../lib.mjs';
export default patched(
  'collection-window-on-bookings',
  'broken',
  'usage: a collection window restricts collections; bookings are not held to it.',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'request: {\n      mode: usage.mode,',
      to: "request: {\n      mode: usage.mode === 'booking' && show.collectionWindow ? 'collection' : usage.mode,",
    },
  ],
);
