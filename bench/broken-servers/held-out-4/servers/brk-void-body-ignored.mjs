// Broken: the void route ignores its body, so `{ "reason": … }` (a misspelt or unknown member) is accepted.
import { isVoid, proxied } from '../lib.mjs';
export default proxied(
  'brk-void-body-ignored',
  'broken',
  'unknown fields are refused (the void body is `{}`).',
  {
    request(req) {
      if (isVoid(req) && req.json && typeof req.json === 'object') {
        req.json = {};
        req.jsonChanged = true;
      }
    },
  },
);
