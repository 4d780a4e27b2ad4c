/**
 * A register's export, read back by `kaiku-import` (spawned from source, as a venue runs it) into the real sandbox:
 * every usage registers once — a group visit as one usage with its members — and importing the file again, or the
 * same usages exported again as XLSX, registers nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRegister } from '../../core/src/register/create-register.js';
import { memoryRegisterStore } from '../../core/src/register/memory-register-store.test-support.js';
import type { UsageRequest } from '../../core/src/schemas/api.js';
import { startSandboxProcess, type SandboxProcess } from '../../../test/support/sandbox-process.js';
import { cliEntry } from '../../../test/support/cli-bundle.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
vi.setConfig({ testTimeout: 120_000 });

const VENUE = 'teatteri-hilla';
const dir = mkdtempSync(join(tmpdir(), 'kaiku-register-'));
let sandbox: SandboxProcess;

type Counts = { registered: number; alreadyRegistered: number; refused: number; invalid: number };

async function kaikuImport(file: string): Promise<{ code: number; counts: Counts }> {
  // No --channel: the register's title row makes it a box-office sale.
  const args = [file, '--venue', VENUE, '--base-url', sandbox.url, '--json'];
  const entry = await cliEntry('import');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', LANG: 'C', KAIKU_TOKEN: 'test-token' } },
      (error, stdout) => {
        const result = JSON.parse(stdout) as { counts: Counts };
        resolve({ code: error ? Number(error.code ?? 1) : 0, counts: result.counts });
      },
    );
  });
}

type ServerUsage = { cardId: string; channel: string; show: { id: string } };
async function serverUsages(): Promise<ServerUsage[]> {
  const res = await fetch(
    `${sandbox.url}v1/venues/${VENUE}/usages?from=2020-01-01&to=2020-12-31&limit=1000`,
    {
      headers: { authorization: 'Bearer test-token' },
    },
  );
  return ((await res.json()) as { items: ServerUsage[] }).items;
}

const show = {
  id: 'kesayontaika',
  name: 'Kesäyöntaika',
  start: '2020-02-09T18:30:00+02:00',
  kind: 'show' as const,
};
const usage = (cardId: string, rest: Partial<UsageRequest> = {}): UsageRequest => ({
  venueId: VENUE,
  show,
  cardId,
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2020-02-01T10:00:00+02:00',
  ...rest,
});

const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  // The venue's performance, as its terminals name it: the file's rows resolve to its ID.
  expect((await api('__sandbox/shows', { venueId: VENUE, show })).status).toBe(201);
}, 60_000);
afterAll(() => sandbox.close());

describe('a register export through kaiku-import', () => {
  it('registers every usage once, and nothing on a second import or export', async () => {
    const register = createRegister({ venueId: VENUE, terminal: 'Kassa 1', store: memoryRegisterStore() });
    await register.record(usage('A045198723', { childTickets: 2 }));
    await register.record(usage('X000011986'));
    await register.record(
      usage('Y110029399', { group: { memberCardIds: ['A999005458'], under16Clients: 1 } }),
    );
    const csv = await register.export({ format: 'csv' });
    expect(csv.usages).toBe(3);
    const file = join(dir, csv.fileName);
    writeFileSync(file, csv.bytes);

    // Counted in rows: the group visit is two (the community card's and its member's), one usage on the server.
    const first = await kaikuImport(file);
    expect(first).toMatchObject({ code: 0, counts: { registered: 4, refused: 0, invalid: 0 } });
    const usages = await serverUsages();
    expect(usages.map((u) => u.cardId).sort()).toEqual(['A045198723', 'X000011986', 'Y110029399']);
    // One performance, one ID, and the register's own channel.
    expect(new Set(usages.map((u) => `${u.show.id} ${u.channel}`))).toEqual(
      new Set(['kesayontaika box-office']),
    );
    // The same card at a terminal of the venue, for the same show, after the hand-over: already used.
    const terminal = await api('v1/usages', usage('A045198723'), {
      'idempotency-key': 'terminal-after-import',
    });
    expect(((await terminal.json()) as { code: string }).code).toBe('already-used');

    const again = await kaikuImport(file);
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 4 });
    expect((await register.export({ format: 'csv' })).usages).toBe(0);

    const xlsx = await register.export({ format: 'xlsx', again: true });
    const xlsxFile = join(dir, xlsx.fileName);
    writeFileSync(xlsxFile, xlsx.bytes);
    expect((await kaikuImport(xlsxFile)).counts).toMatchObject({ registered: 0, alreadyRegistered: 4 });
    expect(await serverUsages()).toHaveLength(3);
  });
});
