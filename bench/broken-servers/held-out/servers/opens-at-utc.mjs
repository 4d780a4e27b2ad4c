// Writes the refusal's `opensAt` in UTC wall-clock time (a server running on UTC formatting "local" time).
import { proxied } from '../lib.mjs';
const SHIFT = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2})\.(\d\d)$/;
function toUtc(text) {
  const m = SHIFT.exec(text);
  if (!m) return text;
  const local = Date.UTC(+m[3], +m[2] - 1, +m[1], +m[4], +m[5]);
  const off = new Date(local).toLocaleString('en-GB', { timeZone: 'Europe/Helsinki', hour12: false });
  const seen = Date.parse(off.replace(/(\d+)\/(\d+)\/(\d+), (.*)/, '$3-$2-$1T$4Z'));
  const d = new Date(local - (seen - local));
  return `${d.getUTCDate()}.${d.getUTCMonth() + 1}.${d.getUTCFullYear()} ${d.getUTCHours()}.${String(d.getUTCMinutes()).padStart(2, '0')}`;
}
export default proxied(
  'opens-at-utc',
  'broken',
  'Refusal params are in Helsinki time (`opensAt`, `closesAt`: `3.12.2026 12.15`).',
  {
    response(req, res) {
      if (res.status !== 422) return;
      for (const r of res.json?.reasons ?? [])
        if (r.params?.opensAt) r.params.opensAt = toUtc(r.params.opensAt);
      res.jsonChanged = true;
    },
  },
);
