// Tokens compared on their first 17 characters (a fixed-width column): `bench-hilla-tokenXYZ` passes as valid.
import { TOKENS, bearer, proxied } from '../lib.mjs';
const known = [TOKENS.token, TOKENS.secondToken, TOKENS.otherToken];
export default proxied('auth-token-prefix', 'broken', 'auth: a wrong token is `401 unauthorized`.', {
  request(req) {
    const t = bearer(req);
    if (!t || known.includes(t)) return;
    const hit = known.find((k) => t.slice(0, 17) === k.slice(0, 17));
    if (hit) req.headers.authorization = `Bearer ${hit}`;
  },
});
