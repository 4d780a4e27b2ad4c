/**
 * Sales-report import in Chromium: time and peak JS heap of `importSalesReport` (dry run) for CSV and XLSX files
 * up to the largest a browser accepts by default (`BROWSER_XLSX_LIMITS`, `maxBytes`), and the same files in Node
 * (its own process: peak resident memory less a bare process's). The heap is sampled over CDP (`Runtime.getHeapUsage`) every 50 ms; a sample
 * waits for the page's current task, so the peak is a lower bound, checked against a run in a capped heap
 * (`--js-flags=--max-old-space-size`) that must still finish.
 * Run: npm run bench reports-browser   (CSV_ROWS=…,… and XLSX_ROWS=…,… pick the sizes; REPORT_HEAP_MIB=512 adds a
 * run in a Chromium whose heap is capped at that)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright';
import { importSalesReport } from '@kaiku-scanner/core/reports';
// @ts-expect-error -- plain .mjs module without types
import { chromiumArgs, chromiumPath } from '../test/support/chromium.mjs';

const HEADER = ['Kortin numero', 'Aikuiset', 'Lapset', 'Tapahtuma', 'Päivämäärä'];
const row = (i: number) => [
  `A${String(i).padStart(9, '0')}`,
  1,
  i % 3,
  `Konsertti ${i % 200}`,
  `${(i % 28) + 1}.${(i % 12) + 1}.2024`,
];
// The defaults: the largest files accepted (`maxRows`: a million rows; a browser: half a million XLSX cells, five a row).
const rowsOf = (list: string | undefined, fallback: string) =>
  (list ?? fallback).split(',').filter(Boolean).map(Number);
const CSV_ROWS = rowsOf(process.env.CSV_ROWS, '1000000');
const XLSX_ROWS = rowsOf(process.env.XLSX_ROWS, '99999');
const mib = (n: number) => (n / 1024 / 1024).toFixed(1);

function csvBytes(rows: number): Uint8Array {
  const parts = [HEADER.join(';')];
  for (let i = 0; i < rows; i++) parts.push(row(i).join(';'));
  return new TextEncoder().encode(parts.join('\r\n') + '\r\n');
}

/** Written with exceljs's streaming writer: a million rows without a gigabyte of workbook in memory. */
async function xlsxBytes(rows: number): Promise<Uint8Array> {
  const filename = join(dir, 'written.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Myynti');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  await workbook.commit();
  return readFileSync(filename);
}

type Run = { ms: number; rows: number; valid: number; error: string | undefined; peak: number };

/** In a child process of its own: time, and the process's peak resident memory (`maxRSS`) less a bare child's. */
function inNode(bytes: Uint8Array, name: string): Run {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const child = (arg: string) => {
    const args = ['--import', 'tsx', '--conditions=source', fileURLToPath(import.meta.url), '--child', arg];
    return JSON.parse(
      spawnSync(process.execPath, args, { encoding: 'utf8' }).stdout.trim().split('\n').pop()!,
    ) as Run;
  };
  const bare = child('');
  const run = child(path);
  return { ...run, peak: run.peak - bare.peak };
}

const childAt = process.argv.indexOf('--child');
if (childAt > 0) {
  const path = process.argv[childAt + 1] ?? '';
  const started = performance.now();
  const result = path
    ? await importSalesReport(readFileSync(path), { venueId: 'v', dryRun: true })
    : undefined;
  const ms = performance.now() - started;
  const counts = result?.counts ?? { rows: 0, valid: 0 };
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({ ms, rows: counts.rows, valid: counts.valid, error: result?.error?.code, peak }),
  );
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'reports-browser-'));
await build({
  entryPoints: { reports: 'packages/core/src/reports/index.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['source', 'browser'],
  outdir: dir,
  logLevel: 'error',
});
const files = new Map<string, Uint8Array>();
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });

async function inChromium(bytes: Uint8Array, name: string, heapMiB?: number): Promise<Run> {
  const capped = heapMiB
    ? await chromium.launch({
        executablePath: chromiumPath,
        args: [...chromiumArgs, `--js-flags=--max-old-space-size=${heapMiB}`],
      })
    : undefined;
  const context = await (capped ?? browser).newContext();
  const page = await context.newPage();
  files.set(name, bytes);
  await page.route('http://bench.invalid/**', (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    const body = files.get(path) ?? readFileSync(join(dir, path));
    const type = path.endsWith('.js')
      ? 'text/javascript'
      : path.endsWith('.html')
        ? 'text/html'
        : 'application/octet-stream';
    return route.fulfill({ body: Buffer.from(body), contentType: type });
  });
  files.set('index.html', new TextEncoder().encode('<!doctype html><title>bench</title>'));
  await page.goto('http://bench.invalid/index.html');
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  let peak = 0;
  let sampling = true;
  const sample = async () => {
    while (sampling) {
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage').catch(() => ({ usedSize: 0 }))) as {
        usedSize: number;
      };
      peak = Math.max(peak, usedSize);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const sampler = sample();
  const run = await page
    .evaluate(
      async ([file, module]) => {
        const { importSalesReport: run } = (await import(module)) as {
          importSalesReport: typeof importSalesReport;
        };
        const blob = await (await fetch(`http://bench.invalid/${file}`)).blob();
        const started = performance.now();
        const result = await run(new File([blob], file), { venueId: 'v', dryRun: true });
        return {
          ms: performance.now() - started,
          rows: result.counts.rows,
          valid: result.counts.valid,
          error: result.error?.code,
        };
      },
      [name, 'http://bench.invalid/reports.js'] as const,
    )
    .catch((error: Error) => ({
      ms: NaN,
      rows: 0,
      valid: 0,
      error: `crashed: ${error.message.split('\n')[0]}`,
    }));
  sampling = false;
  await sampler;
  await context.close();
  await capped?.close();
  files.delete(name);
  return { ...run, peak };
}

const line = (what: string, size: number, where: string, r: Run) =>
  console.log(
    `${what.padEnd(5)} ${mib(size).padStart(6)} MiB  ${where.padEnd(22)} ${String(Math.round(r.ms)).padStart(7)} ms  peak ${mib(r.peak).padStart(7)} MiB  rows ${r.rows} valid ${r.valid}${r.error ? `  ${r.error}` : ''}`,
  );

for (const [what, sizes] of [
  ['csv', CSV_ROWS],
  ['xlsx', XLSX_ROWS],
] as const) {
  for (const rows of sizes) {
    const bytes = what === 'csv' ? csvBytes(rows) : await xlsxBytes(rows);
    line(what, bytes.byteLength, 'node (RSS)', inNode(bytes, `report.${what}`));
    line(what, bytes.byteLength, 'chromium (JS heap)', await inChromium(bytes, `report.${what}`));
    const cap = Number(process.env.REPORT_HEAP_MIB ?? 0);
    if (cap)
      line(
        what,
        bytes.byteLength,
        `chromium (heap ${cap} MiB)`,
        await inChromium(bytes, `report.${what}`, cap),
      );
  }
}
await browser.close();
rmSync(dir, { recursive: true, force: true });
