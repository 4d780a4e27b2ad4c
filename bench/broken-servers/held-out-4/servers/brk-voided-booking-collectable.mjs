// Broken: a voided booking still covers a collection (the booking sum reads every usage).
import { patched } from '../lib.mjs';
export default patched(
  'brk-voided-booking-collectable',
  'broken',
  'a voided booking is not collectable; its collection counts in full.',
  [
    {
      file: 'db/repository.ts',
      from: 'ELSE 0 END) AS n\n    FROM registered_usages',
      to: 'ELSE 0 END) AS n\n    FROM usages',
    },
  ],
);
