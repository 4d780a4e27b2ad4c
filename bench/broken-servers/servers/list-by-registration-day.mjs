// The usage list filters on the day the usage was registered, not the day its show starts.
import { patched } from '../lib/define.mjs';
export default patched(
  'list-by-registration-day',
  'broken',
  '`200 { items: UsageRecord[], nextCursor }` — usages whose show starts on a Helsinki calendar day in `[from, to]`',
  [
    {
      file: 'usage/register-usage.ts',
      from: 'showDay: helsinkiDay(new Date(show.start)),',
      to: 'showDay: helsinkiDay(now),',
    },
  ],
);
