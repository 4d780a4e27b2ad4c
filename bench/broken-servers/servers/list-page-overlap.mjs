// Offset pagination with an off-by-one: each page starts at the previous page's last item.
import { proxied } from '../lib/define.mjs';
import { offsetPaging } from '../lib/list.mjs';
export default proxied(
  'list-page-overlap',
  'broken',
  '`200 { items: UsageRecord[], nextCursor }` (listUsages / iterateUsages: every usage once, oldest first)',
  {
    request: offsetPaging(
      (items) => items,
      (limit) => limit - 1,
    ),
  },
);
