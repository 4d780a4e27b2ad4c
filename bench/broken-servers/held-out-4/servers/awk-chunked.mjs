// Legal: every answer is sent with chunked transfer coding, in pieces, without `Content-Length`.
import { proxied } from '../lib.mjs';
export default proxied('awk-chunked', 'awkward', 'Legal: chunked transfer coding.', {
  response(req, res) {
    if (req.method !== 'HEAD' && res.status !== 204 && res.status !== 304) res.chunks = 3;
  },
});
