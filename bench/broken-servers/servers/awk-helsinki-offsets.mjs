// Every instant the server writes is in Helsinki time with its offset (2026-12-03T12:15:00.120+02:00): the same instants.
import { helsinkiOffset, proxied, walk } from '../lib/define.mjs';
const INSTANTS = new Set(['registeredAt', 'updatedAt', 'voidedAt', 'time', 'at']);
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
export default proxied(
  'awk-helsinki-offsets',
  'awkward',
  'Legal: instants are ISO date-times "with offset" (openapi `format: date-time`, pattern allows `Z` or `±hh:mm`).',
  {
    response(req, res) {
      if (!res.json) return;
      walk(res.json, (k, v, parent) => {
        if (INSTANTS.has(k) && typeof v === 'string' && ISO_Z.test(v))
          parent[k] = helsinkiOffset(v).withOffset;
      });
      res.jsonChanged = true;
    },
  },
);
