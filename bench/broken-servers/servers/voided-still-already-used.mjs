// A voided usage still blocks the card for the show ("already used"), so the corrected usage cannot be registered.
import { patched } from '../lib/define.mjs';
export default patched(
  'voided-still-already-used',
  'broken',
  'A voided usage does not count. (Already used for this show)',
  [
    {
      file: 'db/repository.ts',
      from: 'AS terminal\n       FROM registered_usages',
      to: 'AS terminal\n       FROM usages',
    },
  ],
);
