// The void route looks the usage up with the service's own credentials and never compares its venue with the token's.
import { TOKENS, isVoid, proxied } from '../lib.mjs';
export default proxied(
  'void-owner-unchecked',
  'broken',
  "void-owner: another venue's token gets `403 forbidden`.",
  {
    async response(req, res) {
      if (!isVoid(req) || res.status !== 403) return;
      for (const token of [TOKENS.token, TOKENS.otherToken]) {
        const r = await req.up({ ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } });
        if (r.status !== 403) return r;
      }
    },
  },
);
