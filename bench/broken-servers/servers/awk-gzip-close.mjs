// Answers gzip-compressed when the client accepts it, and closes the connection after every answer.
import { gzipSync } from 'node:zlib';
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-gzip-close',
  'awkward',
  'Legal HTTP: Content-Encoding negotiated by Accept-Encoding; Connection: close.',
  {
    response(req, res) {
      res.headers.connection = 'close';
      if (/gzip/.test(req.headers['accept-encoding'] ?? '') && res.body?.length && req.method !== 'HEAD') {
        const raw = res.jsonChanged ? Buffer.from(JSON.stringify(res.json)) : res.body;
        res.body = gzipSync(raw);
        res.json = undefined;
        res.jsonChanged = false;
        res.headers['content-encoding'] = 'gzip';
        res.headers.vary = 'Accept-Encoding';
      }
    },
  },
);
