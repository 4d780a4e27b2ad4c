// `npm run bench broken-servers [-- --jobs 2]`: the direct probes (each broken server breaks its rule, each awkward one
// keeps the contract), then the conformance kit against every server, with its catch rate. See broken-servers/README.md.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const run = (file, args = []) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', join(import.meta.dirname, 'broken-servers', file), ...args],
    {
      stdio: 'inherit',
    },
  ).status;
const probes = run('probes.mjs');
const kit = run('run.mjs', process.argv.slice(2));
process.exit(probes || kit ? 1 : 0);
