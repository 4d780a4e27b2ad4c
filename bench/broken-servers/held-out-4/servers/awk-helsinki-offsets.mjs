// Legal: every instant the server writes is in Helsinki time with its offset (`…T13:40:00.000+02:00`), never `Z`.
import { helsinkiOffset, proxied } from '../lib.mjs';
const INSTANTS = new Set(['registeredAt', 'voidedAt', 'updatedAt', 'time', 'at']);
const ISO_Z = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
function rewrite(v, key) {
  if (Array.isArray(v)) return v.map((x) => rewrite(x));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, k)]));
  return typeof v === 'string' && INSTANTS.has(key) && ISO_Z.test(v) ? helsinkiOffset(v).withOffset : v;
}
export default proxied(
  'awk-helsinki-offsets',
  'awkward',
  'Legal: instants in any offset (compared as instants).',
  {
    response(req, res) {
      if (res.json === undefined) return;
      res.json = rewrite(res.json);
      res.jsonChanged = true;
    },
  },
);
