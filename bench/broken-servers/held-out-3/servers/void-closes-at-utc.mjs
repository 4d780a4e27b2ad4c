// The void refusal's `closesAt` formatted from a UTC timestamp in the server's (UTC) zone: two or three hours off.
import { isVoid, proxied } from '../lib.mjs';
const utcText = (text) => {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}) (\d{1,2})\.(\d{2})$/.exec(text ?? '');
  if (!m) return text;
  const [, d, mo, y, h, mi] = m.map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Helsinki',
      hourCycle: 'h23',
      hour: '2-digit',
      day: '2-digit',
    })
      .formatToParts(new Date(wall))
      .map((p) => [p.type, Number(p.value)]),
  );
  const offsetHours = (parts.hour - new Date(wall).getUTCHours() + 24) % 24;
  const t = new Date(wall - offsetHours * 3_600_000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${t.getUTCDate()}.${t.getUTCMonth() + 1}.${t.getUTCFullYear()} ${pad(t.getUTCHours())}.${pad(t.getUTCMinutes())}`;
};
export default proxied('void-closes-at-utc', 'broken', 'void-window: `closesAt` is in Helsinki time.', {
  response(req, res) {
    if (!isVoid(req) || res.json?.code !== 'void-window-closed') return;
    for (const r of res.json.reasons ?? [])
      if (r.params?.closesAt) r.params.closesAt = utcText(r.params.closesAt);
    res.jsonChanged = true;
  },
});
