// Problems carry extension members (instance, traceId), a vendor type URL and Finnish titles; every answer has X-Request-Id.
import { randomUUID } from 'node:crypto';
import { proxied } from '../lib/define.mjs';
export default proxied(
  'awk-problem-extras',
  'awkward',
  'Legal: RFC 9457 extension members (openapi Problem: additionalProperties {}); `title`/`detail` are for people and may change.',
  {
    response(req, res) {
      const id = randomUUID();
      res.headers['x-request-id'] = id;
      if (res.status >= 400 && res.json && /problem/.test(res.headers['content-type'] ?? '')) {
        Object.assign(res.json, {
          type: `https://api.lippuvendor.example/errors/${res.json.code}`,
          title: 'Pyyntö hylättiin',
          instance: `/errors/${id}`,
          traceId: id.replace(/-/g, ''),
        });
        res.jsonChanged = true;
      }
    },
  },
);
