// Broken: `already-used` names the venue's terminal to the venue's ticket agent too.
import { patched } from '../lib.mjs';
export default patched(
  'brk-agent-sees-terminal',
  'broken',
  'agent: `already-used` names no terminal of the venue.',
  [
    {
      file: 'db/repository.ts',
      from: '(terminal && venue === asker ? { ...u, terminal } : u)',
      to: '(terminal && asker ? { ...u, terminal } : u)',
    },
  ],
);
