// Hands out tickets whenever asked: the show's collection window is never checked.
import { patched } from '../lib.mjs';
export default patched(
  'collection-window-ignored',
  'broken',
  "A collection before the show's collection window opens is `422 collection-not-open` with `opensAt`.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'event: toUsageEvent(show, {',
      to: 'event: toUsageEvent({ ...show, collectionWindow: undefined }, {',
    },
  ],
);
