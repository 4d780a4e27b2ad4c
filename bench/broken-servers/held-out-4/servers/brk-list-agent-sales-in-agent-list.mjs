// Broken: a ticket agent's own list also holds the sales it made for another venue (filtered by either venue).
import { patched } from '../lib.mjs';
export default patched(
  'brk-list-agent-sales-in-agent-list',
  'broken',
  "agent: its sale is listed among the owner's usages, not the agent's.",
  [
    {
      file: 'db/repository.ts',
      from: 'WHERE report_venue_id = $1 AND show_day BETWEEN',
      to: 'WHERE $1 IN (venue_id, report_venue_id) AND show_day BETWEEN',
    },
  ],
);
