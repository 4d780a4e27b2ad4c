// Refuses an oversized batch with a generic `400 invalid-request` (schema max) instead of `413 batch-too-large`.
import { isPost, problem, proxied } from '../lib.mjs';
export default proxied(
  'batch-too-large-400',
  'broken',
  'More than 100 batch items is `413 batch-too-large`.',
  {
    request(req) {
      if (isPost(req, /^\/v1\/usages\/batch$/) && req.json?.items?.length > 100)
        return problem(400, 'invalid-request', { issues: [{ path: 'items', code: 'too-large' }] });
    },
  },
);
