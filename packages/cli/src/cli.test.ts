/**
 * The CLIs as users run them: spawned with tsx from source, against the real sandbox in its own
 * process. Exit codes, output, masking, the per-row report, nothing registered twice, and the reports a vendor
 * really has (a workbook with several sheets, a Windows-1252 file with CR-only lines).
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxProcess, type SandboxProcess } from '../../../test/support/sandbox-process.js';
import { cliEntry } from '../../../test/support/cli-bundle.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

// Every test runs the CLI as its own process (bundled once from source: test/support/cli-bundle.ts): on a busy
// 2-core machine starting one can still take seconds. These are tests of what the CLI does, not of its speed (that is `npm run bench`).
vi.setConfig({ testTimeout: 90_000 });

type Run = { code: number; stdout: string; stderr: string };
const dir = mkdtempSync(join(tmpdir(), 'kaiku-cli-'));
const fixture = (name: string) => join(REPO_ROOT, 'test/fixtures/reports', name);

async function run(cli: 'import' | 'report', args: string[], env: Record<string, string> = {}): Promise<Run> {
  const entry = await cliEntry(cli);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [entry, ...args],
      { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? '', LANG: 'C', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let sandbox: SandboxProcess;
const VENUE = 'teatteri-hilla';
const REPORT = join(dir, 'myynti.csv');
const TOKEN = { KAIKU_TOKEN: 'test-token' };

async function serverCount(): Promise<number> {
  const res = await fetch(
    `${sandbox.url}v1/venues/${VENUE}/usages?from=2020-01-01&to=2020-12-31&limit=1000`,
    {
      headers: { authorization: 'Bearer test-token' },
    },
  );
  const body = (await res.json()) as { items: unknown[] };
  return body.items.length;
}

beforeAll(async () => {
  sandbox = await startSandboxProcess();
  writeFileSync(
    REPORT,
    [
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Myyjä',
      'A045198723;1;2;Taikuri Matti;3.2.2020;Lippupiste',
      'A999005458;1;0;Kesäyöntaika;9.2.2020;Lippupiste',
      'X000011986;1;0;Kesäyöntaika;9.2.2020;Lippupiste',
      'A999005380;1;0;Kesäyöntaika;9.2.2020;Lippupiste',
      'E2251;1;0;Kesäyöntaika;9.2.2020;Lippupiste',
    ].join('\n'),
  );
}, 60_000);
afterAll(() => sandbox.close());

describe('kaiku-import', () => {
  it('prints help with the exit codes', async () => {
    const r = await run('import', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 all rows went in');
  });

  it('exits 2 on usage errors, in the chosen language', async () => {
    const noVenue = await run('import', [REPORT, '--dry-run', '--lang', 'sv']);
    expect(noVenue).toMatchObject({ code: 2 });
    expect(noVenue.stderr).toContain('Saknat alternativ: --venue');
    expect((await run('import', [REPORT, '--venue', 'v', '--bogus'])).code).toBe(2);
    const noToken = await run('import', [
      REPORT,
      '--venue',
      'v',
      '--base-url',
      sandbox.url,
      '--token-env',
      'MY_TOKEN',
    ]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('MY_TOKEN');
    const longVenue = await run('import', [REPORT, '--venue', 'v'.repeat(200), '--dry-run']);
    expect(longVenue.code).toBe(2);
    expect(longVenue.stderr).toContain('Invalid option: venueId.');
  });

  it('exits 3 when the file is missing or not a sales report', async () => {
    expect((await run('import', [join(dir, 'nope.csv'), '--venue', 'v', '--dry-run'])).code).toBe(3);
    const header = await run('import', [
      fixture('wrong-header-no-date.csv'),
      '--venue',
      'v',
      '--dry-run',
      '--lang',
      'fi',
    ]);
    expect(header.code).toBe(3);
    expect(header.stderr).toContain('Otsikkoriviltä puuttuu sarake: Päivämäärä.');
    const large = await run('import', [REPORT, '--venue', 'v', '--dry-run', '--max-bytes', '100']);
    expect(large.code).toBe(3);
    expect(large.stderr).toContain('too large (over 100 bytes)');
  });

  it('exits 4 when the server cannot be reached, before reading the file', async () => {
    const r = await run('import', [REPORT, '--venue', VENUE, '--base-url', 'http://127.0.0.1:9/'], TOKEN);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('cannot be reached');
  });

  it('dry run: masks card IDs unless asked, exits 1 for invalid rows, draws no progress bar off a terminal', async () => {
    const masked = await run('import', [fixture('bad-values.csv'), '--venue', 'v', '--dry-run']);
    expect(masked.code).toBe(1);
    expect(masked.stdout).toMatch(/Valid \(dry run\)\s+1/);
    expect(masked.stdout).toContain('running the same command without --dry-run');
    expect(masked.stdout).toContain('A*******23');
    expect(masked.stdout).not.toContain('A045198723');
    expect(masked.stderr).toBe('');
    const shown = await run('import', [
      fixture('bad-values.csv'),
      '--venue',
      'v',
      '--dry-run',
      '--show-card-ids',
    ]);
    expect(shown.stdout).toContain('A045198723');
    const ok = await run('import', [
      fixture('template-fi-windows1252.csv'),
      '--venue',
      'v',
      '--dry-run',
      '--json',
    ]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, encoding: 'windows-1252', counts: { valid: 3 } });
  });

  it('dry run offline (no base URL, or no token): rows are not matched, and it says so', async () => {
    const offline = await run('import', [REPORT, '--venue', VENUE, '--dry-run', '--lang', 'en']);
    expect(offline.stdout).toMatch(/→ report-[0-9a-f]{32}\s+not matched \(no show list read\)/);
    expect(offline.stdout).not.toContain('a new show');
    expect(offline.stdout).toContain('a dry run reads the show list only when given the server');
    const env = { KAIKU_BASE_URL: sandbox.url };
    const noToken = await run('import', [REPORT, '--venue', VENUE, '--dry-run', '--lang', 'en'], env);
    expect([noToken.code, noToken.stdout]).toEqual([offline.code, offline.stdout]);
  });

  it('refuses a --shows entry without venueId when other venues are named; stops on a registry without shows', async () => {
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify([{ id: 'x', name: 'X', start: '2020-02-03T18:00:00+02:00' }]));
    const args = [REPORT, '--venue', VENUE, '--dry-run', '--shows', map, '--lang', 'en'];
    const named = await run('import', [...args, '--venue-name', 'Lippupiste=kulttuuritalo-kaiku']);
    expect([named.code, named.stderr]).toEqual([
      2,
      expect.stringContaining('Invalid option: shows[0].venueId'),
    ]);
    // A registry without GET /v1/venues/{id}/shows (404): its own code and what to do, exit 2 — not "connection".
    const proxy = createServer((req, res) => {
      if (req.url!.includes('/shows?'))
        return void res
          .writeHead(404, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not-found' }));
      const headers = { authorization: req.headers.authorization ?? '' };
      void fetch(new URL(req.url!, sandbox.url), { headers }).then(async (r) =>
        res.writeHead(r.status, { 'content-type': r.headers.get('content-type') ?? '' }).end(await r.text()),
      );
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
    try {
      const dry = [REPORT, '--venue', VENUE, '--dry-run', '--base-url', url, '--lang', 'en'];
      const none = await run('import', dry, TOKEN);
      expect(none.code).toBe(2);
      expect(none.stdout).toContain('Kaikukanta has no show list (GET /v1/venues/teatteri-hilla/shows)');
      expect(none.stdout + none.stderr).not.toContain('connection');
      const fresh = await run('import', [...dry, '--new-shows'], TOKEN);
      expect([fresh.code, fresh.stdout]).toEqual([
        1,
        expect.stringContaining("a new show (the file's own ID)"),
      ]);
    } finally {
      proxy.close();
    }
  });

  it('imports against the sandbox, writes the per-row report, and registers nothing twice', async () => {
    const rows = join(dir, 'rows.csv');
    const first = await run(
      'import',
      [REPORT, '--venue', VENUE, '--base-url', sandbox.url, '--rows', rows, '--lang', 'en', '--new-shows'],
      TOKEN,
    );
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/Registered\s+3/);
    // The venue has none of the file's shows: --new-shows registers them under the file's own IDs, and says so.
    expect(first.stdout).toMatch(/Performances:\n.*→ report-[0-9a-f]{32}\s+a new show \(the file's own ID\)/);
    // An office's words: the file's own column names, no internal field names or codes; what was not read.
    expect(first.stdout).toMatch(/Not accepted by Kaikukanta\s+1/);
    expect(first.stdout).toMatch(/^\s+5\s+Kortin tunnus\s+A\*+80\s+/m);
    expect(first.stdout).not.toMatch(/cardId|card-inactive|legacy-code|\bcode +card\b/);
    expect(first.stdout).toContain('These columns were not read: Myyjä.');
    expect(first.stdout).not.toContain('A999005380');
    const lines = readFileSync(rows, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('row;status;field;code;message;card_id');
    // In file order, although the invalid row 6 was known before the server answered for rows 2–5.
    expect(lines.slice(1).map((l) => Number(l.split(';')[0]))).toEqual([2, 3, 4, 5, 6]);
    expect(lines).toContain('2;registered;;;;A045198723');
    expect(lines.find((l) => l.startsWith('5;refused'))).toMatch(/card-inactive;.*;A999005380$/);
    expect(lines.find((l) => l.startsWith('6;invalid'))).toContain('legacy-code');
    expect(await serverCount()).toBe(3);

    const again = await run('import', [REPORT, '--venue', VENUE, '--base-url', sandbox.url, '--json'], TOKEN);
    expect(JSON.parse(again.stdout)).toMatchObject({
      counts: { registered: 0, alreadyRegistered: 3, refused: 1 },
    });
    expect(await serverCount()).toBe(3);
  });
});

describe('kaiku-report', () => {
  it('stops at the usage list bound when the pages never end (exit 4, list-too-long, not "unreachable")', async () => {
    let pages = 0;
    const endless = createServer((_req, res) => {
      pages++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items: [], nextCursor: `c${pages}` }));
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    const { port } = endless.address() as AddressInfo;
    try {
      const args = ['--venue', VENUE, '--from', '2020-02-01', '--to', '2020-02-29', '--lang', 'en'];
      const r = await run('report', [...args, '--base-url', `http://127.0.0.1:${port}/`], TOKEN);
      expect(r.code).toBe(4);
      expect(r.stderr).toContain('The usage list went past its bound (pages 1000)');
      expect(pages).toBe(1000); // before: no end (the report grew to 1 GB in 60 s)
    } finally {
      endless.close();
    }
  });

  it('exits 2 without a period', async () => {
    const r = await run('report', ['--venue', VENUE, '--base-url', sandbox.url], TOKEN);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from');
  });

  it('writes the XLSX usage report with totals', async () => {
    const out = join(dir, 'kaikukortti.xlsx');
    const r = await run(
      'report',
      [
        '--venue',
        VENUE,
        '--from',
        '1.2.2020',
        '--to',
        '2020-02-29',
        '-o',
        out,
        '--base-url',
        sandbox.url,
        '--lang',
        'fi',
      ],
      TOKEN,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 riviä');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const values: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual([
      'Kortin tunnus',
      'Lippu aikuiselle',
      'Lippu lapselle',
      'Esityksen nimi',
      'Päivämäärä',
      'Kellonaika',
      'Käyttötapa',
      'Ryhmäkäynti',
    ]);
    expect(values).toHaveLength(5);
    expect(values[4]).toEqual(['Yhteensä', 3, 2]);
  });

  it('exits 3 when the output cannot be written', async () => {
    const r = await run(
      'report',
      [
        '--venue',
        VENUE,
        '--from',
        '2020-02-01',
        '--to',
        '2020-02-29',
        '-o',
        join(dir, 'missing-dir', 'r.csv'),
        '--base-url',
        sandbox.url,
      ],
      TOKEN,
    );
    expect(r.code).toBe(3);
  });
});
describe('kaiku-import on workbooks with several sheets and on Windows-1252 files', () => {
  const BOOK = join(dir, 'myynti.xlsx');
  const CSV = join(dir, 'myynti-1252.csv');

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

  it('imports the first report sheet, exits 1 and names the sheets left; --sheet picks one', async () => {
    const all = await run('import', [BOOK, '--venue', 'v', '--dry-run', '--lang', 'en']);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain('XLSX, "Tammikuu"');
    expect(all.stdout).toContain('Only the sheet "Tammikuu" was read. The sheets Helmikuu have');
    expect(all.stdout).not.toContain('were not read'); // the sheet was read to its end
    const second = await run('import', [BOOK, '--venue', 'v', '--dry-run', '--sheet', 'Helmikuu']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('"Helmikuu"');
    const missing = await run('import', [BOOK, '--venue', 'v', '--dry-run', '--sheet', '9', '--lang', 'fi']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain(
      'Työkirjassa ei ole taulukkoa "9" (taulukot: Ohjeet, Tammikuu, Helmikuu)',
    );
  }, 60_000);

  it('reads a Windows-1252 file with CR-only lines, a dash for no children and a weekday date', async () => {
    const csv = await run('import', [CSV, '--venue', 'v', '--dry-run', '--json']);
    expect(csv.code).toBe(0);
    const result = JSON.parse(csv.stdout) as { encoding: string; valid: unknown[]; invalid: unknown[] };
    expect(result).toMatchObject({ encoding: 'windows-1252', valid: [{ from: 2, to: 2 }], invalid: [] });
  }, 60_000);
});
