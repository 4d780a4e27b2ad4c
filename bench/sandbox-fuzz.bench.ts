// `npm run bench sandbox-fuzz`: the request fuzzer's long run against the sandbox's own command line in its own
// process (the test suite sends ~1 000 requests; this sends FUZZ_REQUESTS, default 100 000; FUZZ_MODE below). Prints the answers
// per status, requests a second and every finding; exits 1 on any finding (a 5xx, an error that is not
// problem+json, an unanswered or hung request) or when the sandbox is no longer running.
import { fuzzRequests } from '../test/support/request-fuzz/request-fuzzer.js';
import { startSandboxCli } from '../test/support/sandbox-process.js';

const requests = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const seed = Number(process.env.FUZZ_SEED ?? 1);
// FUZZ_MODE=venue-bound: the token bound to teatteri-hilla, which kulttuuritalo-kaiku named its ticket agent.
const bound = process.env.FUZZ_MODE === 'venue-bound';
const sandbox = await startSandboxCli(
  bound
    ? [
        '--memory',
        '--testing',
        '--venue-token',
        'teatteri-hilla=fuzz-token',
        '--agent',
        'kulttuuritalo-kaiku=teatteri-hilla',
      ]
    : ['--memory', '--testing', '--token', 'fuzz-token'],
);
const url = new URL(sandbox.url);
let report;
let alive = false;
try {
  report = await fuzzRequests({
    host: url.hostname,
    port: Number(url.port),
    requests,
    seed,
    concurrency: 16,
    token: 'fuzz-token',
  });
} finally {
  alive = sandbox.child.exitCode === null && (await fetch(`${sandbox.url}v1/health`)).status === 200;
  await sandbox.close();
}
const perSecond = (report.sent / report.ms) * 1000;
console.log(
  `${report.sent} requests (seed ${seed}${bound ? ', venue-bound token' : ''}) in ${(report.ms / 1000).toFixed(1)} s: ${perSecond.toFixed(0)}/s`,
);
console.log('answers by status:', JSON.stringify(report.statuses));
console.log(`findings: ${report.findingCount}; sandbox still running: ${alive}`);
for (const f of report.findings) console.log(`  ${f.kind} ${f.status ?? ''} ${f.request}`);
process.exit(report.findingCount === 0 && alive ? 0 : 1);
