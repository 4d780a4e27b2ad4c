// Looks up a card's earlier usages by show ID alone: another venue's show of the same ID makes it "already used".
import { patched } from '../lib.mjs';
export default patched(
  'already-used-across-venues',
  'broken',
  "Show IDs are per venue: two venues' `x` are two shows; a usage at one is not `already-used` at the other.",
  [
    {
      file: 'db/repository.ts',
      from: 'WHERE card_id = $1 AND report_venue_id = $2 AND show_id = $3 ORDER BY registered_at',
      to: 'WHERE card_id = $1 AND show_id = $3 AND $2 IS NOT NULL ORDER BY registered_at',
    },
  ],
);
