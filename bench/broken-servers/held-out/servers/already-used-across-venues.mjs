// Looks up a card's earlier usages by show ID alone: another venue's show of the same ID makes it "already used".
import { patched } from '../lib.mjs';
export default patched(
  'already-used-across-venues',
  'broken',
  "Show IDs are per venue: two venues' `x` are two shows; a usage at one is not `already-used` at the other.",
  [
    {
      file: 'db/repository.ts',
      from: 'WHERE card_id = @card AND report_venue_id = @venue AND show_id = @show\n       ORDER BY registered_at',
      to: 'WHERE card_id = @card AND show_id = @show AND @venue IS NOT NULL\n       ORDER BY registered_at',
    },
  ],
);
