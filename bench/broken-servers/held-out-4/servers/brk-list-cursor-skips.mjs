// Broken: offset paging whose next cursor is one past the page's end, so the first item of every next page is lost.
import { isUsages, offsetPagingStrict, proxied } from '../lib.mjs';
const paging = offsetPagingStrict((items) => items);
export default proxied(
  'brk-list-cursor-skips',
  'broken',
  'usage list: following `nextCursor` yields every usage.',
  {
    async request(req) {
      if (!isUsages(req)) return;
      const res = await paging(req);
      if (res?.json?.nextCursor) res.json.nextCursor = `o${Number(res.json.nextCursor.slice(1)) + 1}`;
      return res;
    },
  },
);
