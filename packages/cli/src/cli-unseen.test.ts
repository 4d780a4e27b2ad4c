/**
 * kaiku-import on workbooks and CSV files the first CLI tests did not cover: choosing a worksheet with
 * --sheet, the exit code when other sheets are left, and a Windows-1252 file with CR-only lines.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from './testing/sandbox-process.js';

// Every test runs the CLI as its own process (through tsx): on a busy 2-core machine starting one alone can take
// 20 s. These are tests of what the CLI does, not of its speed (that is `npm run bench`).
vi.setConfig({ testTimeout: 90_000 });

type Run = { code: number; stdout: string; stderr: string };
const dir = mkdtempSync(join(tmpdir(), 'kaiku-cli-unseen-'));
const BOOK = join(dir, 'myynti.xlsx');
const CSV = join(dir, 'myynti.csv');

function importCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', 'packages/cli/src/import-cli.ts', ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', LANG: 'C' } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Ohjeet').addRow(['Täytä myynnit kuukausittain']);
  for (const [name, card] of [
    ['Tammikuu', 'A045198723'],
    ['Helmikuu', 'A999005458'],
  ] as const) {
    const sheet = book.addWorksheet(name);
    sheet.addRow(['Kortin numero', 'Lapset', 'Tapahtuma', 'Päivämäärä']);
    sheet.addRow([card, 2, 'Kesäyöntaika', '3.2.2020']);
  }
  writeFileSync(BOOK, new Uint8Array(await book.xlsx.writeBuffer()));
  const text = 'Kortin numero;Lapset;Tapahtuma;Päivämäärä\rA045198723;-;Kesäyö – 10 €;ti 4.2.2020\r';
  const extra: Record<string, number> = { '€': 0x80, '–': 0x96, ä: 0xe4, ö: 0xf6 };
  writeFileSync(
    CSV,
    Uint8Array.from(text, (c) => extra[c] ?? c.charCodeAt(0)),
  );
});

describe('kaiku-import on unseen reports', () => {
  it('imports the first report sheet, exits 1 and names the sheets left; --sheet picks one', async () => {
    const all = await importCli([BOOK, '--venue', 'v', '--dry-run', '--lang', 'en']);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('XLSX, "Tammikuu"');
    expect(all.stdout).toContain('The sheets Helmikuu have a sales-report header row too');
    const second = await importCli([BOOK, '--venue', 'v', '--dry-run', '--sheet', 'Helmikuu']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('"Helmikuu"');
    const missing = await importCli([BOOK, '--venue', 'v', '--dry-run', '--sheet', '9', '--lang', 'fi']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(
      'Työkirjassa ei ole taulukkoa "9" (taulukot: Ohjeet, Tammikuu, Helmikuu)',
    );
  }, 60_000);

  it('reads a Windows-1252 file with CR-only lines, a dash for no children and a weekday date', async () => {
    const run = await importCli([CSV, '--venue', 'v', '--dry-run', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { encoding: string; valid: unknown[]; invalid: unknown[] };
    expect(result).toMatchObject({ encoding: 'windows-1252', valid: [{ from: 2, to: 2 }], invalid: [] });
  }, 60_000);
});
