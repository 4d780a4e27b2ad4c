// Broken: the terminal-name check counts ASCII digits only, so full-width digits (a card ID read another way) pass.
import { isUsagePost, proxied } from '../lib.mjs';
export default proxied(
  'brk-terminal-fullwidth',
  'broken',
  'terminal: no reading of a card ID passes as a terminal name.',
  {
    request(req) {
      const t = req.json?.terminal;
      if (!isUsagePost(req) || typeof t !== 'string' || !/[\uFF10-\uFF19]/.test(t)) return;
      // The check saw only ASCII digits: the name is taken (and, here, stored with the full-width digits left out).
      req.json.terminal =
        t
          .replace(/[\uFF10-\uFF19]/g, '')
          .replace(/[\uFF21-\uFF3A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) || 'T';
      req.jsonChanged = true;
    },
  },
);
