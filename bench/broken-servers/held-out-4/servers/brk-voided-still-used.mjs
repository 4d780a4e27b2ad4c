// Broken: "already used" is decided on every stored usage, voided ones included.
import { patched } from '../lib.mjs';
export default patched('brk-voided-still-used', 'broken', 'a voided usage does not count as already used.', [
  {
    file: 'db/repository.ts',
    from: 'tickets FROM registered_usages\n    WHERE card_id = $1',
    to: 'tickets FROM usages\n    WHERE card_id = $1',
  },
]);
