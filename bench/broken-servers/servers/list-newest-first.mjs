// The vendor's list is ORDER BY registered_at DESC (newest first), paged by offset.
import { proxied } from '../lib/define.mjs';
import { offsetPaging } from '../lib/list.mjs';
export default proxied(
  'list-newest-first',
  'broken',
  'usages whose show starts on a Helsinki calendar day in `[from, to]`, oldest first',
  { request: offsetPaging((items) => [...items].reverse()) },
);
