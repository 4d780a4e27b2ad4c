// Legal: every instant the server writes (`registeredAt`, `voidedAt`, `updatedAt`, `time`, `at`) is in Helsinki
// wall-clock time with its offset (`2026-12-03T14:05:00.123+02:00`): the same instants.
import { helsinkiOffset, proxied } from '../lib.mjs';
const KEYS = new Set(['registeredAt', 'voidedAt', 'updatedAt', 'time', 'at']);
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
function walk(v) {
  if (Array.isArray(v)) v.forEach(walk);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (KEYS.has(k) && typeof x === 'string' && ISO_Z.test(x)) v[k] = helsinkiOffset(x).withOffset;
      else walk(x);
    }
}
export default proxied(
  'awk-helsinki-offsets',
  'awkward',
  'Legal: an ISO date-time with an offset names the same instant in any offset.',
  {
    response(req, res) {
      if (res.json === undefined) return;
      walk(res.json);
      res.jsonChanged = true;
    },
  },
);
