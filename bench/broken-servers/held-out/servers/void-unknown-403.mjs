// Checks ownership before existence: voiding an unknown usage is `403 forbidden`.
import { isPost, problem, proxied } from '../lib.mjs';
export default proxied('void-unknown-403', 'broken', 'An unknown `usageId` is `404 usage-not-found`.', {
  response(req, res) {
    if (isPost(req, /^\/v1\/usages\/[^/]+\/void$/) && res.status === 404)
      return problem(403, 'forbidden', { detail: 'You may not void this usage.' });
  },
});
