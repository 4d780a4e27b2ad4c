// The usage list treats `to` as exclusive ([from, to)): a one-day query lists nothing.
import { pathOf, proxied } from '../lib/define.mjs';
const prevDay = (d) => new Date(Date.parse(`${d}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
export default proxied(
  'list-to-exclusive',
  'broken',
  'usages whose show starts on a Helsinki calendar day in `[from, to]` (openapi: `to` "Last show date, inclusive.")',
  {
    request(req) {
      if (req.method !== 'GET' || !/^\/v1\/venues\/[^/]+\/usages$/.test(pathOf(req))) return;
      const url = new URL(req.path, 'http://x');
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (!/^\d{4}-\d\d-\d\d$/.test(to ?? '') || !from) return;
      if (prevDay(to) < from)
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          json: { items: [], nextCursor: null },
          jsonChanged: true,
        };
      url.searchParams.set('to', prevDay(to));
      req.path = url.pathname + url.search;
    },
  },
);
