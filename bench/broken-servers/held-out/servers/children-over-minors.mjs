// Lets any card bring children: the registry's `minors` are not checked against `childTickets`.
import { patched } from '../lib.mjs';
export default patched(
  'children-over-minors',
  'broken',
  "Usage rules: more children than the card's registered minors is `422 too-many-children`.",
  [
    {
      file: 'usage/register-usage.ts',
      from: 'card,\n    event:',
      to: 'card: { ...card, minors: 9 },\n    event:',
    },
  ],
);
