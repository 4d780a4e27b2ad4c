// `npm run bench busy-suite [-- --loops N]`, or `node bench/busy-suite.bench.mjs [--loops N] [step…]` for some steps
// (npm run bench takes words as bench names): the test suite on a busy machine (issue 60, item 5). Starts N
// busy loops (default 2: as many as the machine's cores here), each a process spinning at normal priority, then runs
// `npm test` (or the steps named) beside them and stops them. The suite must pass: its deadlines come
// from what it awaits, not from wall-clock guesses. The steps' CPU budgets hold here too: the loops are not the
// steps' own processes, so they slow the steps down without adding to their CPU time.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const loopsAt = args.indexOf('--loops');
const loops = loopsAt >= 0 ? Number(args[loopsAt + 1]) : 2;
const steps = args.filter((a, i) => !a.startsWith('--') && (loopsAt < 0 || i !== loopsAt + 1));

const busy = Array.from({ length: loops }, () =>
  spawn(process.execPath, ['-e', 'for (;;) Math.sqrt(Math.random());'], { stdio: 'ignore' }),
);
console.log(`busy-suite: ${loops} busy loops beside npm test${steps.length ? ` (${steps.join(', ')})` : ''}`);
const started = Date.now();
const suite = spawn(process.execPath, ['scripts/test.mjs', ...steps], { stdio: 'inherit' });
const stop = () => busy.forEach((loop) => loop.kill('SIGKILL'));
process.on('SIGINT', () => (stop(), process.exit(130)));
suite.on('close', (code) => {
  stop();
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`busy-suite: npm test ${code === 0 ? 'passed' : `FAILED (${code})`} in ${minutes} min`);
  process.exit(code ?? 1);
});
