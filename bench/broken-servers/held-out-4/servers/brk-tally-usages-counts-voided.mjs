// Broken: the tally's `usages` counts voided usages (its `ticketsGiven` does not).
import { patched } from '../lib.mjs';
export default patched(
  'brk-tally-usages-counts-voided',
  'broken',
  'void gives back: every count reads the usages that stand.',
  [
    {
      file: 'db/repository.ts',
      from: "'SELECT SUM(counted) AS given, COUNT(*) AS usages FROM registered_usages WHERE report_venue_id = $1 AND show_id = $2'",
      to: "'SELECT SUM(CASE WHEN voided_at IS NULL THEN counted END) AS given, COUNT(*) AS usages FROM usages WHERE report_venue_id = $1 AND show_id = $2'",
    },
  ],
);
