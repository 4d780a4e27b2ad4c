// Decides with the cap the request sends, not the venue's stored show settings.
import { patched } from '../lib.mjs';
export default patched(
  'request-cap-wins',
  'broken',
  "The venue's stored show settings win over `show.cap` in the request.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'show ??= { ...usage.show, cap: undefined, seats: undefined };',
      to: 'show ??= { ...usage.show, cap: undefined, seats: undefined };\n    if (owner === usage.venueId && usage.show.cap !== undefined) show = { ...show, cap: usage.show.cap };',
    },
  ],
);
