// Legal: the usage list gives at most 3 usages a page, whatever `limit` asks for (a maximum, not a promise),
// with an opaque offset cursor, oldest first.
import { isUsages, proxied } from '../lib.mjs';
import { offsetPagingStrict } from '../paging.mjs';
const handle = offsetPagingStrict((items) => items, { size: (limit) => Math.min(limit, 3) });
export default proxied(
  'awk-short-pages',
  'awkward',
  'Legal: `limit` bounds a page; a server may send fewer items and a `nextCursor`.',
  { request: (req) => (isUsages(req) ? handle(req) : undefined) },
);
