/**
 * Against the real sandbox (HTTP + SQLite): importing the same report twice — and once more as XLSX —
 * registers nothing twice, counted on the server; the usage report reads the usages back.
 */
import ExcelJS from 'exceljs';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api/create-api-client.js';
import type { ApiClient } from '../api/create-api-client.js';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';

const VENUE = 'teatteri-hilla';
const CSV = [
  'Teatteri Hilla;;;;',
  'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä',
  'A045198723;1;2;Taikuri Matti;3.2.2020',
  'A999005458;1;0;Kesäyöntaika;9.2.2020 klo 18.30',
  'X000011986;1;0;Kesäyöntaika;9.2.2020 klo 18.30',
  'A999005380;1;0;Kesäyöntaika;9.2.2020 klo 18.30',
  'A999005429;1;3;Kesäyöntaika;9.2.2020 klo 18.30',
  'A999000001;1;0;Kesäyöntaika;9.2.2020 klo 18.30',
  'E2251;1;0;Kesäyöntaika;9.2.2020 klo 18.30',
  'Yhteensä;7;5;;',
].join('\r\n');

let sandbox: ChildProcess;
let client: ApiClient;

/** The real sandbox in its own process, from source (like a vendor runs it), on an ephemeral port. */
async function startSandboxProcess(): Promise<{ child: ChildProcess; url: string }> {
  const root = fileURLToPath(new URL('../../../../', import.meta.url));
  const args = [
    '--import',
    'tsx',
    '--conditions=source',
    'packages/sandbox/src/cli.ts',
    '--port',
    '0',
    '--memory',
    '--testing',
    '--quiet',
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  return { child, url };
}

async function serverCount(): Promise<number> {
  let count = 0;
  for await (const _ of client.iterateUsages({ venueId: VENUE, from: '2020-01-01', to: '2020-12-31' }))
    count++;
  return count;
}

beforeAll(async () => {
  const started = await startSandboxProcess();
  sandbox = started.child;
  client = createApiClient({ baseUrl: started.url, getToken: () => 'test-token' });
}, 60_000);
afterAll(() => {
  sandbox.kill('SIGTERM');
});

describe('importSalesReport against the sandbox', () => {
  it('registers valid rows once, even when the report is imported again as CSV and as XLSX', async () => {
    const first = await importSalesReport(CSV, { venueId: VENUE, client });
    expect(first.registered).toEqual([{ from: 3, to: 5 }]);
    expect(first.invalid.map((r) => [r.row, r.errors[0]!.code])).toEqual([[9, 'legacy-code']]);
    expect(first.refused.map((r) => [r.row, r.errors[0]!.code])).toEqual([
      [6, 'card-inactive'],
      [7, 'too-many-children'],
      [8, 'card-not-registered'],
    ]);
    expect(first.refused[0]!.errors[0]!.message.fi).toMatch(/aktiivinen/i);
    expect(await serverCount()).toBe(3);

    const again = await importSalesReport(new TextEncoder().encode(CSV.replace(/;/g, '\t')), {
      venueId: VENUE,
      client,
    });
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 3, refused: 3 });
    expect(await serverCount()).toBe(3);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Myynti');
    for (const line of CSV.split('\r\n'))
      sheet.addRow(line.split(';').map((c) => (/^\d+$/.test(c) ? Number(c) : c)));
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const third = await importSalesReport(xlsx, { venueId: VENUE, client });
    expect(third.counts).toMatchObject({ registered: 0, alreadyRegistered: 3 });
    expect(await serverCount()).toBe(3);
  });

  it('exports the registered usages as the official report with totals', async () => {
    const report = await exportUsageReport({
      client,
      venueId: VENUE,
      from: '2020-02-01',
      to: '2020-02-29',
      format: 'csv',
    });
    const lines = new TextDecoder().decode(report.bytes).trim().split('\r\n');
    expect(lines[0]).toBe('Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä');
    expect(lines.slice(1, -1).sort()).toEqual([
      'A045198723;1;2;Taikuri Matti;3.2.2020',
      'A999005458;1;0;Kesäyöntaika;9.2.2020',
      'X000011986;1;0;Kesäyöntaika;9.2.2020',
    ]);
    expect(lines.at(-1)).toBe('Yhteensä;3;2;;');
  });
});
