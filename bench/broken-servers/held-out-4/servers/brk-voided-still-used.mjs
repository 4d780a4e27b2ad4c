// Broken: "already used" is decided on every stored usage, voided ones included.
import { patched } from '../lib.mjs';
export default patched('brk-voided-still-used', 'broken', 'a voided usage does not count as already used.', [
  {
    file: 'db/repository.ts',
    from: 'venue_id AS venue\n       FROM registered_usages',
    to: 'venue_id AS venue\n       FROM usages',
  },
]);
