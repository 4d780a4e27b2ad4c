// An API gateway that puts every route, the health check included, behind its token check.
import { pathOf, problem, proxied } from '../lib.mjs';
export default proxied('health-behind-auth', 'broken', 'health: `GET /v1/health` answers without a token.', {
  request(req) {
    if (pathOf(req) === '/v1/health' && !req.headers.authorization)
      return {
        ...problem(401, 'unauthorized'),
        headers: { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
      };
  },
});
