import { startBase } from '../lib/base.mjs';
export default {
  name: 'reference',
  kind: 'awkward',
  rule: 'The unmodified sandbox: the baseline every kit must pass.',
  start: (port) => startBase({ port }),
};
