import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { ApiProblemError, createApiClient } from '@kaiku-scanner/core';
import type { UsageRequest } from '@kaiku-scanner/core/contract';
import pg from 'pg';
import { isPrivateAddress, runVenueRegister } from './venue-register.js';

// See sandbox.test.ts: make the package name load core's sources under vitest.
vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));
const VENUE = 'teatteri-hilla';
const key = (): string => randomUUID();
let dir: string;
const running: ChildProcess[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kaiku-venue-register-'));
});
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGKILL');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Started = { url: string; tokens: Map<string, string>; output: string; child: ChildProcess };

/** The venue register as a technician starts it: its own process (here on loopback), a database file. */
function spawnRegister(db: string, args: readonly string[]): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=source',
      CLI,
      'venue-register',
      '--venue',
      VENUE,
      '--db',
      db,
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--quiet',
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.push(child);
  return child;
}

async function listening(child: ChildProcess): Promise<Started> {
  let output = '';
  return await new Promise<Started>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 30 s: ${output}`)), 30_000);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /listening on (\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      const tokens = new Map(
        [...output.matchAll(/Terminal "([^"]+)": token (\S+)/g)].map((m) => [m[1]!, m[2]!]),
      );
      resolve({ url, tokens, output, child });
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

const register = (db: string, ...args: string[]): Promise<Started> => listening(spawnRegister(db, args));

function usage(cardId: string, terminal: string, show = 'ilta-1', cap = 2): UsageRequest {
  return {
    venueId: VENUE,
    show: { id: show, name: 'Iltanäytös', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T09:00:00Z',
    terminal,
  };
}

const terminal = (url: string, token: string) =>
  createApiClient({ baseUrl: url, getToken: () => token, retry: { baseDelayMs: 5 } });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return await promise.then(
    () => 'no error',
    (e: unknown) => e,
  );
}

async function refusal(promise: Promise<unknown>): Promise<ApiProblemError> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(ApiProblemError);
  return error as ApiProblemError;
}

it('is one register for every terminal of the venue, and a kill and restart loses nothing', async () => {
  const db = join(dir, 'venue.sqlite');
  const first = await register(db, '--terminal', 'Kassa 1', '--terminal', 'Kassa 2', '--terminal', 'Ovi');
  expect([...first.tokens.keys()]).toEqual(['Kassa 1', 'Kassa 2', 'Ovi']);
  const a = terminal(first.url, first.tokens.get('Kassa 1')!);
  const b = terminal(first.url, first.tokens.get('Kassa 2')!);
  // Cards the register never heard of are decided on their IDs: it holds no card data.
  const sold = await a.registerUsage(usage('A045198723', 'Kassa 1'), { idempotencyKey: key() });
  expect(sold.showTally.ticketsGiven).toBe(1);
  // At the next window, for the same show: refused, saying when and where.
  const again = await refusal(b.registerUsage(usage('A045198723', 'Kassa 2'), { idempotencyKey: key() }));
  expect(again.problemCode).toBe('already-used');
  expect(JSON.stringify(again.reasons)).toContain('Kassa 1');
  // The cap (2) counts every terminal.
  await b.registerUsage(usage('A123456789', 'Kassa 2'), { idempotencyKey: key() });
  const full = await refusal(a.registerUsage(usage('AM12345678', 'Kassa 1'), { idempotencyKey: key() }));
  expect(full.problemCode).toBe('cap-reached');
  // An undo at Kassa 1 frees the card (and the seat) at Kassa 2.
  await a.voidUsage(sold.usageId);
  await b.registerUsage(usage('A045198723', 'Kassa 2'), { idempotencyKey: key() });

  // Killed mid-shift (no clean shutdown), started again on the same file: the tokens and the usages are there.
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  const second = await register(db);
  expect(second.tokens.size).toBe(0);
  expect(second.output).toContain('3 terminal token(s) kept');
  const b2 = terminal(second.url, first.tokens.get('Kassa 2')!);
  const ovi = terminal(second.url, first.tokens.get('Ovi')!);
  const afterRestart = await refusal(
    ovi.registerUsage(usage('A123456789', 'Ovi'), { idempotencyKey: key() }),
  );
  expect(afterRestart.problemCode).toBe('already-used');
  const listed = [];
  for await (const u of b2.iterateUsages({ venueId: VENUE, from: '2030-03-01', to: '2030-03-01' }))
    listed.push(u);
  const standing = listed.filter((u) => u.voidedAt === undefined).map((u) => `${u.cardId} ${u.terminal}`);
  expect(standing.sort()).toEqual(['A045198723 Kassa 2', 'A123456789 Kassa 2']);
  expect(listed).toHaveLength(3);

  // A token acts for its venue only; a token the register never issued is refused.
  const other = await failure(
    b2.registerUsage({ ...usage('X123456789', 'Kassa 2'), venueId: 'toinen' }, { idempotencyKey: key() }),
  );
  expect(other).toHaveProperty('status', 403);
  const stranger = await failure(
    terminal(second.url, 'arvattu').registerUsage(usage('Z123456789', 'Ovi'), { idempotencyKey: key() }),
  );
  expect(stranger).toHaveProperty('status', 401);
}, 120_000);

it('refuses plain HTTP on an address outside private networks, and names what to do', async () => {
  const lines: string[] = [];
  const args = [
    '--venue',
    VENUE,
    '--terminal',
    'Kassa 1',
    '--db',
    join(dir, 'public.sqlite'),
    '--host',
    '8.8.8.8',
  ];
  expect(await runVenueRegister(args, (line) => lines.push(line))).toEqual({ code: 2 });
  expect(lines.join('\n')).toContain('plain HTTP refused: 8.8.8.8 is not a private address; give --tls-cert');
  expect(isPrivateAddress('192.168.1.20')).toBe(true);
  expect(isPrivateAddress('172.20.0.5')).toBe(true);
  expect(isPrivateAddress('fd12:3456::1')).toBe(true);
  expect(isPrivateAddress('::ffff:10.1.2.3')).toBe(true);
  expect(isPrivateAddress('172.32.0.5')).toBe(false);
  expect(isPrivateAddress('8.8.8.8')).toBe(false);
  expect(isPrivateAddress('2001:db8::1')).toBe(false);
});

it('revokes a lost terminal’s token at start, keeps its usages, and serves no sandbox pages', async () => {
  const db = join(dir, 'revoke.sqlite');
  const start = async (...args: string[]) => {
    const lines: string[] = [];
    const base = ['--venue', VENUE, '--db', db, '--port', '0', '--host', '127.0.0.1', '--quiet'];
    const result = await runVenueRegister([...base, ...args], (line) => lines.push(line));
    const tokens = new Map(
      [...lines.join('\n').matchAll(/Terminal "([^"]+)": token (\S+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    return { result, lines, tokens };
  };
  const first = await start('--terminal', 'Kassa 1', '--terminal', 'Ovi');
  if (!('url' in first.result)) throw new Error(first.lines.join('\n'));
  const ovi = terminal(first.result.url!, first.tokens.get('Ovi')!);
  await ovi.registerUsage(usage('A045198723', 'Ovi'), { idempotencyKey: key() });
  // A venue's register is no sandbox: no index of the sandbox's pages, no demo cards; the contract stays.
  for (const [path, status] of [
    ['', 404],
    ['demo-cards', 404],
    ['openapi.json', 200],
  ] as const)
    expect((await fetch(new URL(path, first.result.url))).status, path).toBe(status);
  await first.result.close!();

  // The door's tablet is lost: revoked before the next start, its token is refused; what it recorded stays.
  expect((await start('--revoke', 'Kassa 9')).result).toEqual({ code: 2 });
  expect((await start('--revoke', 'Ovi', '--terminal', 'Ovi')).result).toEqual({ code: 2 });
  const second = await start('--revoke', 'Ovi');
  expect(second.lines).toContain('Terminal "Ovi": token revoked');
  if (!('url' in second.result)) throw new Error(second.lines.join('\n'));
  const revoked = await failure(
    terminal(second.result.url!, first.tokens.get('Ovi')!).registerUsage(usage('A123456789', 'Ovi'), {
      idempotencyKey: key(),
    }),
  );
  expect(revoked).toHaveProperty('status', 401);
  const kassa = terminal(second.result.url!, first.tokens.get('Kassa 1')!);
  const listed = [];
  for await (const u of kassa.iterateUsages({ venueId: VENUE, from: '2030-03-01', to: '2030-03-01' }))
    listed.push(`${u.cardId} ${u.terminal}`);
  expect(listed).toEqual(['A045198723 Ovi']);
  await second.result.close!();
  // Named again later: a new token, not the lost one.
  const third = await start('--terminal', 'Ovi');
  expect(third.tokens.get('Ovi')).toMatch(/\S{20,}/);
  expect(third.tokens.get('Ovi')).not.toBe(first.tokens.get('Ovi'));
  if ('close' in third.result) await third.result.close!();
}, 60_000);

const PG_URL = process.env.KAIKU_PG_URL;

it.skipIf(!PG_URL)(
  'runs on PostgreSQL as on SQLite: tokens and usages kept over a restart',
  async () => {
    const name = `kaiku_venue_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(PG_URL!);
    url.pathname = `/${name}`;
    try {
      const start = async (...args: string[]) => {
        const lines: string[] = [];
        const base = [
          '--venue',
          VENUE,
          '--db',
          url.toString(),
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          '--quiet',
        ];
        const result = await runVenueRegister([...base, ...args], (line) => lines.push(line));
        if (!('url' in result)) throw new Error(lines.join('\n'));
        return { result, lines };
      };
      const first = await start('--terminal', 'Kassa 1', '--terminal', 'Kassa 2');
      const token = (n: string) =>
        new RegExp(`Terminal "${n}": token (\\S+)`).exec(first.lines.join('\n'))![1]!;
      expect(first.lines.at(-1)).toMatch(/listening on .* \(database postgres:\/\//);
      const a = terminal(first.result.url!, token('Kassa 1'));
      await a.registerUsage(usage('A045198723', 'Kassa 1'), { idempotencyKey: key() });
      await first.result.close!();
      const second = await start();
      expect(second.lines.join('\n')).toContain('2 terminal token(s) kept');
      const b = terminal(second.result.url!, token('Kassa 2'));
      const again = await refusal(b.registerUsage(usage('A045198723', 'Kassa 2'), { idempotencyKey: key() }));
      expect(again.problemCode).toBe('already-used');
      expect(JSON.stringify(again.reasons)).toContain('Kassa 1');
      await second.result.close!();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  },
  60_000,
);
