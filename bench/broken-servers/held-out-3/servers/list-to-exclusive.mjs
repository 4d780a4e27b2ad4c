// `to` read as an exclusive bound (`show_day < :to`): the last day asked for is never listed.
import { dayShift, isUsages, proxied } from '../lib.mjs';
export default proxied(
  'list-to-exclusive',
  'broken',
  'usage-list: usages whose show starts on a Helsinki day in `[from, to]`, both ends included.',
  {
    async request(req) {
      if (!isUsages(req)) return;
      const url = new URL(req.path, 'http://x');
      const from = url.searchParams.get('from');
      const to = url.searchParams.get('to');
      if (!/^\d{4}-\d\d-\d\d$/.test(to ?? '') || !/^\d{4}-\d\d-\d\d$/.test(from ?? '')) return;
      if (to === from)
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          json: { items: [], nextCursor: null },
          jsonChanged: true,
        };
      url.searchParams.set('to', dayShift(to, -1));
      req.path = url.pathname + url.search;
    },
  },
);
