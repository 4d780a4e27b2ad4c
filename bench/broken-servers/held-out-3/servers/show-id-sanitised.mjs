// A "sanitiser" strips control and format characters from IDs instead of refusing them: `ab\u200bc` becomes `abc`.
import { isBatch, isUsagePost, proxied } from '../lib.mjs';
const strip = (s) => (typeof s === 'string' ? s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '') : s);
const clean = (u) => {
  if (u?.show && typeof u.show === 'object') u.show.id = strip(u.show.id);
  if (u && typeof u.venueId === 'string') u.venueId = strip(u.venueId);
};
export default proxied(
  'show-id-sanitised',
  'broken',
  'plain-ids: an ID with a control or format character is refused as `bad-format`, not cleaned.',
  {
    request(req) {
      if (isUsagePost(req)) clean(req.json);
      else if (isBatch(req)) req.json?.items?.forEach((i) => clean(i?.usage));
      else return;
      req.jsonChanged = true;
    },
  },
);
