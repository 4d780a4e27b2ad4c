// Legal: a full page always has a `nextCursor`, so a list that ends on a page boundary ends with an empty page.
import { isUsages, offsetPagingStrict, proxied } from '../lib.mjs';
const paging = offsetPagingStrict((items) => items, { more: (end, total) => end <= total });
export default proxied(
  'awk-empty-last-page',
  'awkward',
  'Legal: the last page may be empty (follow `nextCursor` to null).',
  {
    request: (req) => (isUsages(req) ? paging(req) : undefined),
  },
);
