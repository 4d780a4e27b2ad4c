// Legal: problems carry RFC 9457 extension members (`instance`, `traceId`) and a Finnish `detail`; no card IDs.
import { randomUUID } from 'node:crypto';
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-problem-extras',
  'awkward',
  'Legal: extension members of a problem; `detail` is for people.',
  {
    response(req, res) {
      if (
        !/problem\+json/.test(res.headers['content-type'] ?? '') ||
        !res.json ||
        typeof res.json !== 'object'
      )
        return;
      Object.assign(res.json, {
        instance: `urn:uuid:${randomUUID()}`,
        traceId: randomUUID().replaceAll('-', ''),
        detail: `Pyyntö hylättiin (${res.json.code}).`,
      });
      res.jsonChanged = true;
    },
  },
);
