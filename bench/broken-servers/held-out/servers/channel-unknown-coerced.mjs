// Maps a channel it does not know (`web`, `kiosk`) to `box-office` instead of refusing the usage.
import { isPost, proxied } from '../lib.mjs';
const CHANNELS = ['box-office', 'reservation', 'ticket-agent'];
const fix = (u) => {
  if (u && typeof u === 'object' && 'channel' in u && !CHANNELS.includes(u.channel)) u.channel = 'box-office';
};
export default proxied(
  'channel-unknown-coerced',
  'broken',
  '`channel` is `box-office`, `reservation` or `ticket-agent`; anything else is `400 invalid-request` naming it.',
  {
    request(req) {
      if (isPost(req, /^\/v1\/usages$/)) fix(req.json);
      else if (isPost(req, /^\/v1\/usages\/batch$/)) for (const i of req.json?.items ?? []) fix(i?.usage);
      else return;
      req.jsonChanged = true;
    },
  },
);
