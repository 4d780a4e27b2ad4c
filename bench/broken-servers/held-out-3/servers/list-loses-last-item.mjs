// Offset paging that asks "is there more?" with `offset + limit < total - 1`: when exactly one usage is left for
// the next page, the list ends without it.
import { isUsages, proxied } from '../lib.mjs';
import { offsetPagingStrict } from '../paging.mjs';
const handle = offsetPagingStrict((items) => items, { more: (end, total) => end < total - 1 });
export default proxied(
  'list-loses-last-item',
  'broken',
  'usage-list: following `nextCursor` to the end lists every usage.',
  { request: (req) => (isUsages(req) ? handle(req) : undefined) },
);
