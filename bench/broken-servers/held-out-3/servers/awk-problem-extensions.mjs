// Legal: problems carry RFC 9457 `instance` and a `traceId` extension member (neither names a card).
import { randomUUID } from 'node:crypto';
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-problem-extensions',
  'awkward',
  'Legal: RFC 9457 allows `instance` and extension members; clients ignore what they do not know.',
  {
    response(req, res) {
      if (!/problem\+json/.test(res.headers['content-type'] ?? '') || !res.json) return;
      const id = randomUUID();
      Object.assign(res.json, { instance: `urn:uuid:${id}`, traceId: id.replace(/-/g, '') });
      res.jsonChanged = true;
    },
  },
);
