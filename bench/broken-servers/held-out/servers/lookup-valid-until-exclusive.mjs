// Reports `validUntil` as the first day the card no longer works (an exclusive end).
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'lookup-valid-until-exclusive',
  'broken',
  '`CardRecord.validUntil` is the last valid day, inclusive.',
  {
    response(req, res) {
      if (!isPost(req, /^\/v1\/cards\/lookup$/) || res.status !== 200) return;
      const d = new Date(`${res.json.validUntil}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      res.json.validUntil = d.toISOString().slice(0, 10);
      res.jsonChanged = true;
    },
  },
);
