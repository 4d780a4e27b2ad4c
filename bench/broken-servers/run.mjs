// Runs the conformance kit against every broken and awkward server and prints how it did.
// node --import tsx --conditions=source bench/broken-servers/run.mjs [name…] [--dir held-out] [--jobs N] [--cards A,B,…] [--json out.json] [--reports DIR]
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, VENUE, OTHER_VENUE } from './lib/base.mjs';

const args = process.argv.slice(2);
const jobsAt = Math.max(args.indexOf('-j'), args.indexOf('--jobs'));
const jobs = Number(jobsAt >= 0 ? args[jobsAt + 1] : 1);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const cards = args.includes('--cards') ? args[args.indexOf('--cards') + 1] : undefined;
const reportDir = args.includes('--reports') ? args[args.indexOf('--reports') + 1] : undefined;
// `--dir held-out`: the servers of another batch (`<dir>/servers/`), e.g. the held-out one.
const batch = args.includes('--dir') ? args[args.indexOf('--dir') + 1] : undefined;
const names = args.filter(
  (a, i) =>
    !a.startsWith('-') && !['-j', '--jobs', '--json', '--reports', '--cards', '--dir'].includes(args[i - 1]),
);
const dir = join(import.meta.dirname, ...(batch ? [batch] : []), 'servers');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs'))
  .sort();
const servers = [];
for (const f of files) {
  const s = (await import(pathToFileURL(join(dir, f)).href)).default;
  if (names.length === 0 || names.includes(s.name)) servers.push(s);
}

function runKit(baseUrl, tokens) {
  const argv = [
    '--import',
    'tsx',
    '--conditions=source',
    join(ROOT, 'packages/sandbox/src/cli.ts'),
    'conformance',
    '--base-url',
    baseUrl,
    '--token',
    tokens.token,
    '--venue',
    VENUE,
    '--json',
  ];
  if (tokens.otherToken) argv.push('--other-venue', OTHER_VENUE, '--other-token', tokens.otherToken);
  if (cards) argv.push('--cards', cards);
  // For a batch whose servers have the kit's venue name the other venue its ticket agent.
  if (args.includes('--other-is-agent')) argv.push('--other-is-agent');
  if (tokens.secondToken) argv.push('--second-token', tokens.secondToken);
  return new Promise((ok) => {
    const child = spawn(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 420_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      let report;
      try {
        report = JSON.parse(out);
      } catch {
        /* not JSON */
      }
      ok({ code, report, err: err.slice(-2000) });
    });
  });
}

async function one(s) {
  const t0 = Date.now();
  let server;
  try {
    // Port 0: the system picks a free one (a fixed range collided with other runs on the machine).
    server = await s.start(0);
    const { code, report, err } = await runKit(server.baseUrl, server.tokens);
    const checks = Array.isArray(report?.checks) ? report.checks : [];
    const failed = checks.filter((c) => c.verdict === 'fail').map((c) => c.name ?? c.check ?? c.id);
    const verdict = code === 1 ? 'fail' : code === 0 || code === 3 ? 'pass' : `error(${code})`;
    const correct = s.kind === 'broken' ? verdict === 'fail' : verdict === 'pass';
    return {
      name: s.name,
      kind: s.kind,
      verdict,
      exit: code,
      correct,
      failed,
      secs: Math.round((Date.now() - t0) / 1000),
      err: verdict.startsWith('error') ? err : undefined,
      report,
    };
  } catch (error) {
    return {
      name: s.name,
      kind: s.kind,
      verdict: 'error',
      correct: false,
      failed: [],
      err: String(error?.stack ?? error),
    };
  } finally {
    await server?.stop().catch(() => {});
  }
}

const results = [];
const queue = [...servers];
await Promise.all(
  Array.from({ length: jobs }, async () => {
    for (let s; (s = queue.shift());) {
      const r = await one(s);
      if (reportDir && r.report)
        writeFileSync(join(reportDir, `${r.name}.json`), JSON.stringify(r.report, null, 2));
      results.push(r);
      console.error(
        `${r.name}: ${r.verdict} (${r.secs ?? '?'} s) ${r.failed.join(', ')}${r.err ? `\n${r.err}` : ''}`,
      );
    }
  }),
);
results.sort(
  (a, b) => servers.findIndex((s) => s.name === a.name) - servers.findIndex((s) => s.name === b.name),
);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('server', 32)}${pad('kind', 9)}${pad('kit', 8)}${pad('correct?', 10)}failed checks`);
for (const r of results)
  console.log(
    `${pad(r.name, 32)}${pad(r.kind, 9)}${pad(r.verdict, 8)}${pad(r.correct ? 'yes' : 'NO', 10)}${r.failed.join(', ')}`,
  );
const broken = results.filter((r) => r.kind === 'broken');
const awkward = results.filter((r) => r.kind === 'awkward');
console.log(
  `\ncaught ${broken.filter((r) => r.correct).length}/${broken.length} broken; passed ${awkward.filter((r) => r.correct).length}/${awkward.length} awkward`,
);
if (jsonOut)
  writeFileSync(
    jsonOut,
    JSON.stringify(
      results.map(({ report, ...r }) => ({
        ...r,
        checks: report?.checks?.map((c) => ({ name: c.name ?? c.check ?? c.id, verdict: c.verdict })),
      })),
      null,
      2,
    ),
  );
process.exit(0);
