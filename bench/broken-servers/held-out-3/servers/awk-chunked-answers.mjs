// Legal: every JSON answer sent with chunked transfer coding, in three pieces, without `Content-Length`.
import { proxied } from '../lib.mjs';
export default proxied('awk-chunked-answers', 'awkward', 'Legal: HTTP/1.1 chunked transfer coding.', {
  response(req, res) {
    if (res.json !== undefined && req.method !== 'HEAD') res.chunks = 3;
  },
});
