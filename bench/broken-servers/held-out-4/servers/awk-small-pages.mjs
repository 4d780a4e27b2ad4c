// Legal: the usage list gives at most 2 items a page whatever `limit` asks (fewer is legal: follow `nextCursor`).
import { isUsages, offsetPagingStrict, proxied } from '../lib.mjs';
const paging = offsetPagingStrict((items) => items, { size: (limit) => Math.min(limit, 2) });
export default proxied(
  'awk-small-pages',
  'awkward',
  'Legal: a page holds at most `limit` items; fewer is legal.',
  {
    request: (req) => (isUsages(req) ? paging(req) : undefined),
  },
);
