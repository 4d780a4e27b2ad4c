// Course places are booked through the show route, decided as a show: a community card gets a course place.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'community-course-accepted',
  'broken',
  'usage: a community card (Y, YM, Z) cannot be used for course places.',
  {
    request(req) {
      if (isUsagePost(req) && req.json?.show?.kind === 'course' && /^(Y|YM|Z)/.test(req.json.cardId ?? '')) {
        req.json.show.kind = 'show';
        req.jsonChanged = true;
      }
    },
  },
);
