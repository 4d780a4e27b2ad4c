// Crashes on a body over 1 MB: `500 internal-error` instead of `413 payload-too-large`.
import { problem, proxied } from '../lib.mjs';
export default proxied('payload-too-large-500', 'broken', 'A body over 1 MB is `413 payload-too-large`.', {
  request(req) {
    if (req.body.length > 1024 * 1024) return problem(500, 'internal-error', { detail: 'Request failed.' });
  },
});
