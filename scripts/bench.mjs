// `npm run bench [filter…]`: runs every bench/*.bench.{ts,mjs} in its own process, one after another,
// so that no benchmark competes with another for the machine's two cores.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `npm run bench soak -- --duration 30m`: the names before the first `--option` pick benchmarks, the rest goes to them.
const firstOption = process.argv.findIndex((a, i) => i >= 2 && a.startsWith('--'));
const filters = process.argv.slice(2, firstOption === -1 ? undefined : firstOption);
const passed = firstOption === -1 ? [] : process.argv.slice(firstOption);
const dir = 'bench';
const files = readdirSync(dir)
  .filter((f) => /\.bench\.(ts|mjs)$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error('no benchmark matched');
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', join(dir, file), ...passed],
    {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  console.log(
    `--- ${file}: ${r.status === 0 ? 'done' : `FAILED (${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
