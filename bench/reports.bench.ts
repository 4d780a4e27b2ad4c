/**
 * Sales-report import: rows per second for parsing + validation (CSV and XLSX, 100 000 rows, dry run),
 * side by side with a decode-and-split floor (CSV) and exceljs's whole-workbook reader (XLSX) on the same
 * files (exceljs's csv.read managed ~1 250 rows/s here, too slow to include); memory: each reader must
 * finish in a child process with a capped heap (for CSV, below the file's size); and rows per second
 * for a real import against the sandbox (its own process), first import and re-import (all replays).
 * Run: npm run bench reports
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { createApiClient } from '@kaiku-scanner/core';
import { importSalesReport } from '@kaiku-scanner/core/reports';
import { startSandboxCli } from '../test/support/sandbox-process.js';

const ROWS = 100_000;
const IMPORT_ROWS = 5_000;
const RUNS = 3;
const CARDS = [
  'A045198723',
  'A999005458',
  'A999005429',
  'A999005461',
  'X000011986',
  'X000011656',
  'AM12345678',
];
const HEADER = ['Kortin numero', 'Aikuiset', 'Lapset', 'Tapahtuma', 'Päivämäärä'];

const row = (i: number): [string, number, number, string, string] => [
  `A${String(i).padStart(9, '0')}`,
  1,
  i % 3,
  `Konsertti ${i % 200}`,
  `${(i % 28) + 1}.${(i % 12) + 1}.2024`,
];

function csvBytes(rows: number): Uint8Array {
  const parts = [HEADER.join(';')];
  for (let i = 0; i < rows; i++) parts.push(row(i).join(';'));
  return new TextEncoder().encode(parts.join('\r\n') + '\r\n');
}

async function xlsxBytes(rows: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Myynti');
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++) sheet.addRow(row(i));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (n: number) => (n / 1024 / 1024).toFixed(1);

async function timeRuns(fn: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    rows = await fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), rows };
}

async function* generated(rows: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  yield encoder.encode(HEADER.join(';') + '\n');
  for (let start = 0; start < rows; start += 2000) {
    let text = '';
    for (let i = start; i < Math.min(rows, start + 2000); i++) text += row(i).join(';') + '\n';
    yield encoder.encode(text);
  }
}

async function parsing(): Promise<void> {
  const csv = csvBytes(ROWS);
  const xlsx = await xlsxBytes(ROWS);
  const ours = (bytes: Uint8Array) => async () =>
    (await importSalesReport(bytes, { venueId: 'bench', dryRun: true })).counts.valid;
  // Floor for CSV: decode and split only, no quoting, encodings, validation or hashing.
  const naiveCsv = async () => {
    const lines = new TextDecoder().decode(csv).split('\r\n');
    let cells = 0;
    for (const line of lines) cells += line.split(';').length;
    return cells > 0 ? lines.length - 2 : 0;
  };
  const excelXlsx = async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.buffer as ArrayBuffer);
    return workbook.worksheets[0]!.rowCount - 1;
  };
  const table: Record<string, Record<string, string>> = {};
  const cases: [string, () => Promise<number>, number][] = [
    ['CSV  importSalesReport (parse + validate, dry run)', ours(csv), csv.byteLength],
    ['CSV  decode + split only (floor, no validation)', naiveCsv, csv.byteLength],
    ['XLSX importSalesReport (streaming, parse + validate)', ours(xlsx), xlsx.byteLength],
    ['XLSX exceljs xlsx.load (whole workbook, peer)', excelXlsx, xlsx.byteLength],
  ];
  for (const [name, fn, size] of cases) {
    const timed = await timeRuns(fn);
    table[name] = {
      rows: fmt(timed.rows),
      'file MiB': mib(size),
      'median ms': fmt(timed.ms),
      'rows/s': fmt((timed.rows / timed.ms) * 1000),
    };
  }
  console.log(`Parsing ${fmt(ROWS)} rows (median of ${RUNS} runs)`);
  console.table(table);
}

async function importing(): Promise<void> {
  const sandbox = await startSandboxCli(['--memory']);
  const url = sandbox.url;
  try {
    const client = createApiClient({ baseUrl: url, getToken: () => 'bench' });
    // Seeded active cards, each on many distinct shows (one usage per card per show).
    const lines = [HEADER.join(';')];
    for (let i = 0; i < IMPORT_ROWS; i++) {
      lines.push(
        [CARDS[i % CARDS.length], 1, 0, `Bench ${Math.floor(i / CARDS.length)}`, '3.2.2024'].join(';'),
      );
    }
    const csv = new TextEncoder().encode(lines.join('\n'));
    const table: Record<string, Record<string, string>> = {};
    for (const name of ['first import', 're-import (all replayed)']) {
      const t = performance.now();
      const result = await importSalesReport(csv, { venueId: 'teatteri-hilla', client });
      const ms = performance.now() - t;
      table[name] = {
        rows: fmt(result.counts.rows),
        registered: fmt(result.counts.registered),
        'already registered': fmt(result.counts.alreadyRegistered),
        refused: fmt(result.counts.refused),
        ms: fmt(ms),
        'rows/s': fmt((result.counts.rows / ms) * 1000),
      };
    }
    console.log(`Import against the sandbox (own process, in-memory SQLite, batches of 100)`);
    console.table(table);
  } finally {
    await sandbox.close();
  }
}

/** Child mode: one streaming dry run under a heap cap set by the parent; prints the valid count. */
async function child(kind: string, arg: string): Promise<void> {
  const source = kind === 'csv' ? generated(Number(arg)) : createReadStream(arg);
  const result = await importSalesReport(source, { venueId: 'bench', dryRun: true, maxBytes: 2 * 1024 ** 3 });
  process.stdout.write(JSON.stringify({ valid: result.counts.valid, error: result.error?.code ?? null }));
}

/** Proof that the import streams: it must finish in a process whose whole heap is capped far below the file. */
async function capped(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiku-bench-'));
  const xlsxFile = join(dir, 'report.xlsx');
  writeFileSync(xlsxFile, await xlsxBytes(ROWS));
  const self = fileURLToPath(import.meta.url);
  const cases: [string, string, string, number][] = [
    ['CSV, 1 000 000 generated rows (~38 MiB)', 'csv', String(10 * ROWS), 32],
    ['XLSX, 100 000 rows (2.6 MiB) from a file stream', 'xlsx', xlsxFile, 48],
  ];
  const table: Record<string, Record<string, string>> = {};
  for (const [name, kind, arg, cap] of cases) {
    const t = performance.now();
    const r = spawnSync(
      process.execPath,
      [`--max-old-space-size=${cap}`, '--import', 'tsx', '--conditions=source', self, '--child', kind, arg],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const ms = performance.now() - t;
    let outcome = `failed (${r.status ?? r.signal}): ${(r.stderr ?? '').split('\n').find((l) => /heap|memory/i.test(l)) ?? ''}`;
    try {
      const out = JSON.parse(r.stdout) as { valid: number; error: string | null };
      outcome = out.error ? `stopped: ${out.error}` : `ok, ${fmt(out.valid)} valid rows`;
    } catch {
      // keep the failure text
    }
    table[name] = {
      'heap cap MiB': String(cap),
      result: outcome,
      'rows/s': fmt(((kind === 'csv' ? 10 : 1) * ROWS * 1000) / ms),
    };
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(
    'Streaming under a heap cap (a separate process each; a non-streaming reader would run out of memory)',
  );
  console.table(table);
}

const childAt = process.argv.indexOf('--child');
if (childAt > 0) {
  await child(process.argv[childAt + 1] ?? 'csv', process.argv[childAt + 2] ?? '0');
} else {
  await parsing();
  await capped();
  await importing();
}
