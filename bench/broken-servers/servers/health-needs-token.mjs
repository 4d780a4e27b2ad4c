// The gateway puts every /v1/ path behind the token, health included.
import { problem, proxied } from '../lib/define.mjs';
export default proxied(
  'health-needs-token',
  'broken',
  '`health()` | `GET /v1/health` (no token) | `200 Health`',
  {
    request(req) {
      if (req.path.startsWith('/v1/health') && !req.headers.authorization)
        return {
          ...problem(401, 'unauthorized'),
          headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
        };
    },
  },
);
