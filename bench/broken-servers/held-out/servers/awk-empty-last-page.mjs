// Legal: a full last page still carries a `nextCursor`, which leads to an empty page with `nextCursor: null`.
import { isUsages, proxied } from '../lib.mjs';
const END = 'end-of-list';
export default proxied(
  'awk-empty-last-page',
  'awkward',
  'Legal: `nextCursor` is opaque; a cursor to an empty final page (then `null`) ends the list the same way.',
  {
    request(req) {
      if (isUsages(req) && new URL(req.path, 'http://x').searchParams.get('cursor') === END)
        return {
          status: 200,
          headers: { 'content-type': 'application/json' },
          json: { items: [], nextCursor: null },
          jsonChanged: true,
        };
    },
    response(req, res) {
      if (!isUsages(req) || res.status !== 200 || res.json.nextCursor !== null) return;
      res.json.nextCursor = END;
      res.jsonChanged = true;
    },
  },
);
