// Every usage saves its show (an ORM's upsert): the venue's later usage with another `show.cap` changes the cap.
import { patched } from '../lib.mjs';
export default patched(
  'show-settings-upserted',
  'broken',
  "usage: a show is stored with its first usage's settings; later usages' `show.cap` never changes them.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'if (!show && owner === usage.venueId) await repo.putShow(owner, (show = usage.show), now.toISOString());',
      to: 'if (owner === usage.venueId) await repo.putShow(owner, (show = usage.show), now.toISOString());',
    },
  ],
);
