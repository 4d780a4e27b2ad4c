// Finds a card's bookings in every stored usage, voided ones too: a voided booking is still collected "as booked".
import { patched } from '../lib.mjs';
export default patched(
  'voided-booking-collectable',
  'broken',
  'A voided usage counts nowhere: a voided booking covers no collection (which counts in full).',
  [
    {
      file: 'db/repository.ts',
      from: "WHEN 'collection' THEN -covered ELSE 0 END) AS n\n    FROM registered_usages",
      to: "WHEN 'collection' THEN -covered ELSE 0 END) AS n\n    FROM usages",
    },
  ],
);
