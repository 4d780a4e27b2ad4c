// The list ignores `limit`: every matching usage in one page (a vendor that "doesn't need paging yet").
import { proxied } from '../lib/define.mjs';
import { offsetPaging } from '../lib/list.mjs';
const inner = offsetPaging((items) => items);
export default proxied(
  'list-ignores-limit',
  'broken',
  '`limit`: "Page size (default 100)", minimum 1, maximum 1000 (openapi.json, listUsages)',
  {
    request(req) {
      if (!/[?&]limit=/.test(req.path)) return inner(req);
      req.path = req.path.replace(/([?&])limit=\d+/, '$1limit=1000');
      return inner(req);
    },
  },
);
