// Has one card type: a community card is looked up as `kind: 'client'`.
import { isPost, proxied } from '../lib.mjs';
export default proxied(
  'lookup-community-as-client',
  'broken',
  '`CardRecord.kind` is `client` or `community` (Y, YM, Z cards are community cards).',
  {
    response(req, res) {
      if (!isPost(req, /^\/v1\/cards\/lookup$/) || res.status !== 200) return;
      res.json.kind = 'client';
      res.jsonChanged = true;
    },
  },
);
