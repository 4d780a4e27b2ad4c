// Validation errors in the framework's words, which quote the rejected value.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'issues-echo-card',
  'broken',
  '400 `invalid-request`: (...) `issues` (...) never values; privacy: no card ID in error texts',
  {
    response(req, res) {
      if (
        res.status === 400 &&
        res.json?.code === 'invalid-request' &&
        typeof req.json?.cardId === 'string'
      ) {
        res.json.detail = `Validation failed: cardId "${req.json.cardId}" does not match ^(AM|YM|A|Y|X|Z)[0-9]+$`;
        res.jsonChanged = true;
      }
    },
  },
);
