// The list is sorted `ORDER BY registered_at DESC` (the dashboard's order), not oldest first.
import { isUsages, proxied } from '../lib.mjs';
import { offsetPagingStrict } from '../paging.mjs';
const handle = offsetPagingStrict((items) => [...items].reverse());
export default proxied('list-newest-first', 'broken', 'usage-list: oldest first.', {
  request: (req) => (isUsages(req) ? handle(req) : undefined),
});
