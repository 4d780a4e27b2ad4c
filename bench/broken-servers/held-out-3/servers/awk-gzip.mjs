// Legal: a gateway that gzips every answer when the client accepts it (`Content-Encoding: gzip`).
import { gzipSync } from 'node:zlib';
import { proxied } from '../lib.mjs';
export default proxied('awk-gzip', 'awkward', 'Legal: content coding negotiated by `Accept-Encoding`.', {
  response(req, res) {
    if (!/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') || req.method === 'HEAD') return;
    const body = res.json !== undefined && res.jsonChanged ? Buffer.from(JSON.stringify(res.json)) : res.body;
    if (!body?.length) return;
    res.body = gzipSync(body);
    res.jsonChanged = false;
    res.json = undefined;
    res.headers['content-encoding'] = 'gzip';
    res.headers.vary = [res.headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
  },
});
