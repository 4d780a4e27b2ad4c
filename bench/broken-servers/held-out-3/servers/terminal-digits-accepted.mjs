// The terminal name is checked for its length and characters only: `Kassa 1234` (a run of four digits) is taken,
// so a card ID typed into the terminal field would pass as a name.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'terminal-digits-accepted',
  'broken',
  'usage: a `terminal` with a run of four digits is `invalid-request` naming `terminal`.',
  {
    request(req) {
      const t = req.json?.terminal;
      if (
        isUsagePost(req) &&
        typeof t === 'string' &&
        /^[\p{L}\p{N}][\p{L}\p{N} .,:()/#'-]{0,39}$/u.test(t) &&
        /\d[\d -]*\d[\d -]*\d[\d -]*\d/.test(t)
      ) {
        req.json.terminal = t.replace(/\d/g, 'x');
        req.jsonChanged = true;
      }
    },
  },
);
