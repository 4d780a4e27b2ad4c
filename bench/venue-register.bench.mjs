// `npm run bench venue-register [-- --terminals 10 --per-second 1 --minutes 10 --db postgres://…]`: issue 63's load.
// The venue register as a venue runs it (its own process, a SQLite file — or with `--db URL` a fresh database on that
// PostgreSQL server, created and dropped by the run — a token per terminal) and N terminals, each reading a
// card every second: mostly new cards, one in ten a card another terminal has just used (must be refused as
// already used), one in twenty an undo of the terminal's own last usage. Each terminal is the SDK's API client
// (its retries and idempotency keys). At the end the register's usage list is read back and every usage checked
// one by one: each confirmed usage there exactly once, each undone one voided, nothing unconfirmed, no card standing
// twice for a show. Prints p50/p95/p99 answer times, and fails on any usage lost or doubled.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ApiProblemError, createApiClient } from '../packages/core/src/index.ts';

const { values } = parseArgs({
  options: {
    terminals: { type: 'string', default: '10' },
    'per-second': { type: 'string', default: '1' },
    minutes: { type: 'string', default: '10' },
    db: { type: 'string' },
  },
});
if (values.db !== undefined && !/^postgres(ql)?:\/\//.test(values.db))
  throw new Error('--db takes a PostgreSQL server URL (postgres://user:password@host:port/database)');
const TERMINALS = Number(values.terminals);
const PER_SECOND = Number(values['per-second']);
const MINUTES = Number(values.minutes);
const VENUE = 'teatteri-hilla';
const DAY = '2030-03-01';
const SHOWS = Array.from({ length: 4 }, (_, i) => ({
  id: `ilta-${i + 1}`,
  name: `Iltanäytös ${i + 1}`,
  start: `${DAY}T${String(17 + i).padStart(2, '0')}:00:00+02:00`,
  kind: 'show',
  cap: 100_000,
}));

const dir = mkdtempSync(join(tmpdir(), 'kaiku-venue-bench-'));
/** PostgreSQL: a database of this run's own on the server of --db (its admin database), dropped at the end. */
async function onServer(sql) {
  const client = new pg.Client({ connectionString: values.db });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
const pgName = `kaiku_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
let database = join(dir, 'venue.sqlite');
if (values.db !== undefined) {
  await onServer(`CREATE DATABASE ${pgName}`);
  const url = new URL(values.db);
  url.pathname = `/${pgName}`;
  database = url.toString();
}
const names = Array.from({ length: TERMINALS }, (_, i) => `Kassa ${i + 1}`);
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--conditions=source',
    'packages/sandbox/src/cli.ts',
    'venue-register',
    '--venue',
    VENUE,
    '--db',
    database,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--quiet',
    ...names.flatMap((n) => ['--terminal', n]),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const started = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`no start in 30 s: ${out}`)), 30_000);
  child.stdout.on('data', (d) => {
    out += d;
    const url = /listening on (\S+)/.exec(out)?.[1];
    if (!url) return;
    clearTimeout(timer);
    resolve({
      url,
      tokens: new Map([...out.matchAll(/Terminal "([^"]+)": token (\S+)/g)].map((m) => [m[1], m[2]])),
    });
  });
});

let serial = 0;
const newCard = () => `A${String(100_000_000 + serial++)}`;
const times = [];
const confirmed = new Map(); // usageId → { cardId, showId, terminal, voided }
const recent = []; // cards confirmed lately, any terminal: what another terminal reads again
const counts = { sent: 0, registered: 0, alreadyUsed: 0, voided: 0, otherRefusal: 0, failed: 0 };
const failures = new Map();

async function terminal(name) {
  const api = createApiClient({ baseUrl: started.url, getToken: () => started.tokens.get(name) });
  const end = Date.now() + MINUTES * 60_000;
  let last;
  for (let next = Date.now(); next < end; next += 1000 / PER_SECOND) {
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    const roll = Math.random();
    const t0 = performance.now();
    try {
      if (roll < 0.05 && last && !last.voided) {
        await api.voidUsage(last.usageId);
        last.voided = true;
        counts.voided++;
      } else {
        const again =
          roll < 0.15 && recent.length > 0 ? recent[Math.floor(Math.random() * recent.length)] : undefined;
        const cardId = again?.cardId ?? newCard();
        const show = again?.show ?? SHOWS[Math.floor(Math.random() * SHOWS.length)];
        counts.sent++;
        const body = {
          venueId: VENUE,
          show,
          cardId,
          childTickets: 0,
          channel: 'box-office',
          mode: 'booking',
          clientTime: new Date().toISOString(),
          terminal: name,
        };
        try {
          const result = await api.registerUsage(body, { idempotencyKey: randomUUID() });
          last = { usageId: result.usageId, cardId, showId: show.id, terminal: name, voided: false };
          confirmed.set(result.usageId, last);
          recent.push({ cardId, show });
          if (recent.length > 50) recent.shift();
          counts.registered++;
        } catch (error) {
          if (!(error instanceof ApiProblemError)) throw error;
          if (error.problemCode === 'already-used') counts.alreadyUsed++;
          else counts.otherRefusal++;
        }
      }
      times.push(performance.now() - t0);
    } catch (error) {
      counts.failed++;
      const key = String(error?.code ?? error?.name ?? error);
      failures.set(key, (failures.get(key) ?? 0) + 1);
    }
  }
}

console.log(
  `venue register: ${TERMINALS} terminals × ${PER_SECOND} reading/s for ${MINUTES} min (${values.db === undefined ? 'SQLite, synchronous=FULL' : 'PostgreSQL'})`,
);
const wall = Date.now();
await Promise.all(names.map(terminal));
const seconds = (Date.now() - wall) / 1000;

// Read back, one by one.
const reader = createApiClient({ baseUrl: started.url, getToken: () => started.tokens.get(names[0]) });
const listed = [];
for await (const u of reader.iterateUsages({ venueId: VENUE, from: DAY, to: DAY })) listed.push(u);
const byId = new Map();
for (const u of listed) byId.set(u.usageId, (byId.get(u.usageId) ?? 0) + 1);
let lost = 0;
let doubled = 0;
let wrongState = 0;
for (const [id, c] of confirmed) {
  const n = byId.get(id) ?? 0;
  if (n === 0) lost++;
  if (n > 1) doubled++;
  const u = listed.find((x) => x.usageId === id);
  if (u && (u.voidedAt !== undefined) !== c.voided) wrongState++;
}
const unconfirmed = listed.filter((u) => !confirmed.has(u.usageId)).length;
const standing = new Map();
for (const u of listed.filter((x) => x.voidedAt === undefined)) {
  const k = `${u.cardId} ${u.show.id}`;
  standing.set(k, (standing.get(k) ?? 0) + 1);
}
const twice = [...standing.values()].filter((n) => n > 1).length;

times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))]?.toFixed(1);
console.log(`requests ${times.length} in ${seconds.toFixed(0)} s (${(times.length / seconds).toFixed(1)}/s)`);
console.log(`answer time ms: p50 ${q(0.5)}  p95 ${q(0.95)}  p99 ${q(0.99)}  max ${times.at(-1)?.toFixed(1)}`);
console.log(
  `usages: ${counts.registered} registered, ${counts.alreadyUsed} refused as already used, ${counts.voided} undone, ${counts.otherRefusal} other refusals, ${counts.failed} failed requests ${JSON.stringify(Object.fromEntries(failures))}`,
);
console.log(
  `read back ${listed.length}: lost ${lost}, doubled ${doubled}, wrong state ${wrongState}, unconfirmed ${unconfirmed}, a card standing twice for a show ${twice}`,
);
child.kill();
rmSync(dir, { recursive: true, force: true });
if (values.db !== undefined) {
  if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
  await onServer(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
}
process.exit(lost + doubled + wrongState + unconfirmed + twice + counts.failed > 0 ? 1 : 0);
