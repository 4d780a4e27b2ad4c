// Marks a usage voided but the tally still counts every row: the tickets are never given back.
import { patched } from '../lib/define.mjs';
export default patched(
  'void-keeps-counting',
  'broken',
  'a voided usage counts neither against the show\'s cap nor as "already used"',
  [
    {
      file: 'db/repository.ts',
      from: 'SELECT SUM(counted) AS given, COUNT(*) AS usages FROM registered_usages',
      to: 'SELECT SUM(counted) AS given, COUNT(*) AS usages FROM usages',
    },
  ],
);
