// The server runs in UTC and formats `closesAt` in its own zone: a Helsinki clerk reads a time 2 hours off.
import { proxied, reasonsOf } from '../lib/define.mjs';
const toUtc = (s) => {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2})\.(\d{2})$/.exec(s);
  if (!m) return s;
  const [, d, mo, y, h, mi] = m.map(Number);
  // The Helsinki wall time → its instant → written as UTC wall time in the same format.
  for (const off of [2, 3]) {
    const t = new Date(Date.UTC(y, mo - 1, d, h - off, mi));
    const hh = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(t);
    if (Number(hh) === h)
      return `${t.getUTCDate()}.${t.getUTCMonth() + 1}.${t.getUTCFullYear()} ${String(t.getUTCHours()).padStart(2, '0')}.${String(t.getUTCMinutes()).padStart(2, '0')}`;
  }
  return s;
};
export default proxied(
  'void-closesAt-utc',
  'broken',
  'After it: `422 void-window-closed`, `reasons[0].params.closesAt` in Helsinki time (`3.12.2026 12.15`).',
  {
    response(req, res) {
      for (const r of reasonsOf(res.json))
        if (r.code === 'void-window-closed' && r.params?.closesAt) {
          r.params.closesAt = toUtc(r.params.closesAt);
          res.jsonChanged = true;
        }
    },
  },
);
