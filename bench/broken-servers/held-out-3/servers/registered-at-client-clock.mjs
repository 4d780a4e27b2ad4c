// `registeredAt` copied from the request's `clientTime`: an outbox's usage sent days later is backdated.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'registered-at-client-clock',
  'broken',
  "usage: `registeredAt` is the server's clock, `clientTime` the clerk's.",
  {
    response(req, res) {
      if (isUsagePost(req) && res.json?.registeredAt && req.json?.clientTime) {
        res.json.registeredAt = new Date(req.json.clientTime).toISOString();
        res.jsonChanged = true;
      }
    },
  },
);
