// Legal: the usage list paged by plain offsets, oldest first (the cursor is opaque to clients).
import { offsetPaging } from '../../lib/list.mjs';
import { proxied } from '../lib.mjs';
export default proxied(
  'awk-offset-cursor',
  'awkward',
  'Legal: `nextCursor` is opaque; an offset is a cursor.',
  {
    request: offsetPaging((items) => items),
  },
);
