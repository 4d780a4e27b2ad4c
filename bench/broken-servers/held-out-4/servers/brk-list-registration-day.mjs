// Broken: the usage list files a usage under the Helsinki day it was registered, not the day its show starts.
import { patched } from '../lib.mjs';
export default patched('brk-list-registration-day', 'broken', "usage list: by the show's Helsinki day.", [
  {
    file: 'usage/register-usage.ts',
    from: 'showDay: helsinkiDay(new Date(show.start)),',
    to: 'showDay: helsinkiDay(now),',
  },
]);
