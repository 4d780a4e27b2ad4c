// Broken: `already-used` names the venue's terminal to the venue's ticket agent too.
import { patched } from '../lib.mjs';
export default patched(
  'brk-agent-sees-terminal',
  'broken',
  'agent: `already-used` names no terminal of the venue.',
  [
    {
      file: 'db/repository.ts',
      from: 'terminal && venue === asker ? { mode, at, terminal } : { mode, at }',
      to: 'terminal && asker ? { mode, at, terminal } : { mode, at }',
    },
  ],
);
