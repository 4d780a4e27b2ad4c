// A look-up cache in front of the registry answers before the gateway's token check ("the register is national").
import { TOKENS, isLookup, proxied } from '../lib.mjs';
export default proxied(
  'lookup-without-token',
  'broken',
  'auth: a look-up without a token is `401 unauthorized`.',
  {
    request(req) {
      if (isLookup(req) && !req.headers.authorization) req.headers.authorization = `Bearer ${TOKENS.token}`;
    },
  },
);
