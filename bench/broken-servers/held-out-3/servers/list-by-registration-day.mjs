// The list filters on the day a usage was registered, not the day its show starts.
import { fetchAll, helsinkiDay, isUsages, proxied } from '../lib.mjs';
export default proxied(
  'list-by-registration-day',
  'broken',
  'usage-list: usages whose show starts on a Helsinki calendar day in `[from, to]`.',
  {
    async request(req) {
      if (!isUsages(req)) return;
      const url = new URL(req.path, 'http://x');
      const names = [...url.searchParams.keys()];
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (
        names.some((n) => !['from', 'to', 'limit', 'cursor'].includes(n)) ||
        new Set(names).size !== names.length
      )
        return;
      if (url.searchParams.has('cursor')) return; // one page holds everything: a cursor is not one of ours
      if (!/^\d{4}-\d\d-\d\d$/.test(from ?? '') || !/^\d{4}-\d\d-\d\d$/.test(to ?? '') || from > to) return;
      const all = await fetchAll(req, '2000-01-01', '2099-12-31');
      if (all.status) return;
      const items = all.items.filter((u) => {
        const d = helsinkiDay(new Date(u.registeredAt));
        return d >= from && d <= to;
      });
      return {
        status: 200,
        headers: { 'content-type': 'application/json' },
        json: { items, nextCursor: null },
        jsonChanged: true,
      };
    },
  },
);
