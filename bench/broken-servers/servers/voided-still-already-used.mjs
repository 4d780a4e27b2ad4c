// A voided usage still blocks the card for the show ("already used"), so the corrected usage cannot be registered.
import { patched } from '../lib/define.mjs';
export default patched(
  'voided-still-already-used',
  'broken',
  'A voided usage does not count. (Already used for this show)',
  [
    {
      file: 'db/repository.ts',
      from: 'AS channel, tickets FROM registered_usages\n    WHERE card_id = $1 AND report_venue_id = $2',
      to: 'AS channel, tickets FROM usages\n    WHERE card_id = $1 AND report_venue_id = $2',
    },
  ],
);
