// Answers GET only: `HEAD` on a GET route is `405`.
import { problem, proxied } from '../lib.mjs';
export default proxied('head-not-answered', 'broken', '`HEAD` is answered wherever `GET` is.', {
  request(req) {
    if (req.method !== 'HEAD') return;
    const res = problem(405, 'method-not-allowed');
    res.headers.allow = 'GET';
    return res;
  },
});
