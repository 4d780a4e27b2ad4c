// Every answer streamed with chunked transfer coding (no Content-Length), in four pieces 20 ms apart.
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-chunked',
  'awkward',
  'Legal HTTP/1.1: a body framed by chunked transfer coding.',
  {
    response(req, res) {
      if (req.method !== 'HEAD') res.chunks = 4;
    },
  },
);
