// `npm run build`: JavaScript with rollup, then declarations with tsc, for every package.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

for (const dir of ['core', 'element', 'sandbox', 'cli'])
  rmSync(`packages/${dir}/dist`, { recursive: true, force: true });
run('npx', ['rollup', '-c', 'rollup.config.mjs']);
if (!process.argv.includes('--no-types')) {
  for (const dir of ['core', 'element', 'sandbox', 'cli']) {
    const cfg = `packages/${dir}/tsconfig.build.json`;
    const hasSource =
      existsSync(`packages/${dir}/src`) && readdirSync(`packages/${dir}/src`).some((f) => f.endsWith('.ts'));
    if (existsSync(cfg) && hasSource) run('npx', ['tsc', '-p', cfg]);
  }
  // The element's Vue template typings (`kaiku-scanner/vue`), generated from custom-elements.json.
  run('node', ['scripts/framework-types.mjs']);
}
