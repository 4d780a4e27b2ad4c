// `validUntil` stored as Helsinki midnight in a UTC timestamp column and cut to its UTC date: a day early.
import { dayShift, isLookup, proxied } from '../lib.mjs';
export default proxied(
  'lookup-valid-until-utc',
  'broken',
  'lookup: `validUntil` is the last valid day (Helsinki calendar), inclusive.',
  {
    response(req, res) {
      if (isLookup(req) && res.status === 200 && res.json?.validUntil) {
        res.json.validUntil = dayShift(res.json.validUntil, -1);
        res.jsonChanged = true;
      }
    },
  },
);
