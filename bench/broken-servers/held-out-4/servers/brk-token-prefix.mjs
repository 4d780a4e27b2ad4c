// Broken: the token check compares prefixes (`startsWith`), so a known token with anything appended passes.
import { TOKENS, bearer, proxied } from '../lib.mjs';
export default proxied('brk-token-prefix', 'broken', 'auth: a wrong token is 401.', {
  request(req) {
    const t = bearer(req);
    const known = t && Object.values(TOKENS).find((k) => t !== k && t.startsWith(k));
    if (known) req.headers.authorization = `Bearer ${known}`;
  },
});
