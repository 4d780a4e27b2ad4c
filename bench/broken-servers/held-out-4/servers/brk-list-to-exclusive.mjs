// Broken: the usage list reads `to` as exclusive (`show_day < to`), so the last day of a range is missing.
import { patched } from '../lib.mjs';
export default patched('brk-list-to-exclusive', 'broken', 'usage list: `[from, to]`, both inclusive.', [
  { file: 'db/repository.ts', from: 'show_day BETWEEN $2 AND $3', to: 'show_day >= $2 AND show_day < $3' },
]);
