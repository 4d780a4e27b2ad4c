// The card look-up is "public": the register is national, so the vendor left the token off it.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'lookup-no-auth',
  'broken',
  '`Authorization: Bearer <token>` (only `GET /v1/health` takes no token); 401 `unauthorized`: no or wrong bearer token',
  {
    request(req) {
      if (req.path === '/v1/cards/lookup') req.headers.authorization = 'Bearer bench-hilla-token';
    },
  },
);
