/**
 * Sandbox registrations per second (sequential and concurrent, file DB vs in-memory DB) and the API
 * client's overhead per call against raw fetch (same sandbox, same requests, interleaved).
 * The sandbox runs in its own process, as it would in use, so client and server do not share a thread.
 * Run: npm run bench api
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import { startSandboxCli } from '../test/support/sandbox-process.js';

const SEQUENTIAL = 400;
const CONCURRENT = 800;
const CONCURRENCY = 16;
const OVERHEAD_ROUNDS = 600;

type Row = Record<string, string | number>;

function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}
const ms = (n: number): string => n.toFixed(2);

let seq = 0;
let shows = 0;
// A show of its own per registration: one card may be used once per show (`already-used`).
const usage = (showId: string): UsageRequest => ({
  venueId: 'teatteri-hilla',
  show: { id: `${showId}-${++shows}`, name: 'Bench', start: '2030-05-01T18:00:00+03:00', kind: 'show' },
  cardId: 'A999005458',
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2026-11-21T09:00:00Z',
});
const nextKey = (): string => `bench-${process.pid}-${++seq}`;

async function registrations(url: string, label: string): Promise<Row[]> {
  const api = createApiClient({ baseUrl: url, getToken: () => 'bench', retry: 0 });
  const show = `bench-${label.replace(/\W+/g, '-')}`;
  for (let i = 0; i < 30; i++) await api.registerUsage(usage(show), { idempotencyKey: nextKey() }); // warm-up
  const sequential: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const s = performance.now();
    await api.registerUsage(usage(show), { idempotencyKey: nextKey() });
    sequential.push(performance.now() - s);
  }
  const seqSeconds = (performance.now() - t0) / 1000;
  const concurrent: number[] = [];
  let next = 0;
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < CONCURRENT) {
        const s = performance.now();
        await api.registerUsage(usage(show), { idempotencyKey: nextKey() });
        concurrent.push(performance.now() - s);
      }
    }),
  );
  const conSeconds = (performance.now() - t1) / 1000;
  const a = stats(sequential);
  const b = stats(concurrent);
  return [
    {
      db: label,
      mode: 'sequential',
      requests: SEQUENTIAL,
      'per second': Math.round(SEQUENTIAL / seqSeconds),
      'median ms': ms(a.median),
      'p95 ms': ms(a.p95),
    },
    {
      db: label,
      mode: `concurrent ×${CONCURRENCY}`,
      requests: CONCURRENT,
      'per second': Math.round(CONCURRENT / conSeconds),
      'median ms': ms(b.median),
      'p95 ms': ms(b.p95),
    },
  ];
}

async function overhead(url: string): Promise<Row[]> {
  const api = createApiClient({ baseUrl: url, getToken: () => 'bench', retry: 0 });
  const headers = { authorization: 'Bearer bench', accept: 'application/json' };
  const raw = { lookup: [] as number[], register: [] as number[] };
  const client = { lookup: [] as number[], register: [] as number[] };
  const time = async (into: number[], fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    into.push(performance.now() - s);
  };
  for (let i = 0; i < OVERHEAD_ROUNDS; i++) {
    // Interleaved so that both see the same server state and machine load.
    await time(raw.lookup, async () =>
      (
        await fetch(`${url}v1/cards/lookup`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ cardId: 'A045198723' }),
        })
      ).json(),
    );
    await time(client.lookup, () => api.lookupCard('A045198723'));
    await time(raw.register, async () =>
      (
        await fetch(`${url}v1/usages`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': nextKey() },
          body: JSON.stringify(usage('bench-overhead')),
        })
      ).json(),
    );
    await time(client.register, () =>
      api.registerUsage(usage('bench-overhead'), { idempotencyKey: nextKey() }),
    );
  }
  const rows: Row[] = [];
  for (const op of ['lookup', 'register'] as const) {
    const r = stats(raw[op].slice(50));
    const c = stats(client[op].slice(50));
    rows.push({
      call: op === 'lookup' ? 'GET card' : 'POST usage',
      'raw fetch median ms': ms(r.median),
      'client median ms': ms(c.median),
      'overhead median ms': ms(c.median - r.median),
      'raw p95 ms': ms(r.p95),
      'client p95 ms': ms(c.p95),
      'client/raw': (c.median / r.median).toFixed(2),
    });
  }
  return rows;
}

const dir = mkdtempSync(join(tmpdir(), 'kaiku-api-bench-'));
const fileSandbox = await startSandboxCli(['--db', join(dir, 'bench.db'), '--seed']);
const memorySandbox = await startSandboxCli(['--memory']);
try {
  const rows = [
    ...(await registrations(fileSandbox.url, 'file (WAL)')),
    ...(await registrations(memorySandbox.url, 'memory')),
  ];
  console.log(
    '\nSandbox registrations (POST /v1/usages through the client, keyed, decided by the rules core)',
  );
  console.table(rows);
  console.log(
    `\nClient overhead per call vs raw fetch (file DB, ${OVERHEAD_ROUNDS} interleaved rounds, first 50 dropped)`,
  );
  console.log(
    'client = token callback + request validation + timeout/abort wiring + fetch + response validation by zod',
  );
  console.table(await overhead(fileSandbox.url));
} finally {
  await Promise.all([fileSandbox.close(), memorySandbox.close()]);
  rmSync(dir, { recursive: true, force: true });
}
