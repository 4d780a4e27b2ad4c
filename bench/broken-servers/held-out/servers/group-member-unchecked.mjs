// Checks the community card but not its group members' own cards against the registry.
import { patched } from '../lib.mjs';
export default patched(
  'group-member-unchecked',
  'broken',
  "A group member's card that is unregistered, inactive or expired is `group-member-invalid` with `position`, `cause`.",
  [{ file: 'usage/register-usage.ts', from: 'return cause ? [', to: 'return false ? [' }],
);
