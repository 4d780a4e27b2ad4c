import { readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';

const FIXTURES = new URL('../../../../test/fixtures/reports/', import.meta.url);
type Expected = {
  format?: string;
  encoding?: string;
  delimiter?: string;
  headerRow?: number;
  valid?: [number, number][];
  invalid?: Record<string, string[]>;
  skipped?: number;
  error?: string;
  errorParams?: Record<string, string>;
};
const expected = JSON.parse(readFileSync(new URL('expected.json', FIXTURES), 'utf8')) as Record<
  string,
  Expected
>;
const HEADER = 'Kortin numero;Aikuiset;Lapset;Tapahtuma;Päivämäärä\n';

async function* generated(
  rows: number,
  line = (i: number) => `A${String(i).padStart(9, '0')};1;0;Show ${i % 50};3.2.2020\n`,
) {
  yield new TextEncoder().encode(HEADER);
  const encoder = new TextEncoder();
  for (let start = 0; start < rows; start += 1000) {
    let text = '';
    for (let i = start; i < Math.min(rows, start + 1000); i++) text += line(i);
    yield encoder.encode(text);
  }
}

describe('hand-made fixtures (test/fixtures/reports)', () => {
  for (const [file, want] of Object.entries(expected)) {
    it(`${file}`, async () => {
      const result = await importSalesReport(createReadStream(new URL(file, FIXTURES)), {
        venueId: 'v',
        dryRun: true,
      });
      if (want.error) {
        expect(result.error?.code).toBe(want.error);
        if (want.errorParams) expect(result.error?.params).toMatchObject(want.errorParams);
        for (const text of Object.values(result.error!.message)) expect(text.length).toBeGreaterThan(10);
        expect(result.counts.valid).toBe(0);
        return;
      }
      expect(result.error).toBeUndefined();
      for (const key of ['format', 'encoding', 'delimiter', 'headerRow'] as const) {
        if (want[key] !== undefined) expect(result[key], key).toBe(want[key]);
      }
      expect(result.valid.map((r) => [r.from, r.to])).toEqual(want.valid);
      const invalid = Object.fromEntries(
        result.invalid.map((r) => [String(r.row), r.errors.map((e) => e.code)]),
      );
      expect(invalid).toEqual(want.invalid);
      if (want.skipped !== undefined) expect(result.counts.skipped).toBe(want.skipped);
    });
  }

  it('names the missing column in each language', async () => {
    const result = await importSalesReport(createReadStream(new URL('wrong-header-no-date.csv', FIXTURES)), {
      venueId: 'v',
      dryRun: true,
    });
    expect(result.error?.message).toEqual({
      fi: 'Otsikkoriviltä puuttuu sarake: Päivämäärä.',
      sv: 'Rubrikraden saknar kolumn: Datum.',
      en: 'The header row lacks a column: Date.',
    });
  });
});

describe('large and hostile input', () => {
  it('streams 100 000 rows from a generated stream', async () => {
    let progressCalls = 0;
    const result = await importSalesReport(generated(100_000), {
      venueId: 'v',
      dryRun: true,
      onProgress: () => progressCalls++,
    });
    expect(result.counts).toMatchObject({ rows: 100_000, valid: 100_000, invalid: 0 });
    expect(result.valid).toEqual([{ from: 2, to: 100_001 }]);
    expect(progressCalls).toBeGreaterThan(50);
    // A test of streaming, not of speed (that is `npm run bench`): 100 000 rows under coverage on a busy
    // 2-core machine take 20–35 s, so the default 20 s limit would make it fail for the wrong reason.
  }, 120_000);

  it('stops a "2 GB" stream at the size limit and says which rows went in', async () => {
    async function* endless() {
      for (let i = 0; i < 2 * 1024; i++)
        yield* generated(10_000, (n) => `A${String(i * 10_000 + n).padStart(9, '0')};1;0;Show;3.2.2020\n`);
    }
    const client = createFakeRegistrar();
    const result = await importSalesReport(endless(), { venueId: 'v', client, maxBytes: 1024 * 1024 });
    expect(result.error?.code).toBe('report-too-large');
    expect(result.error?.params).toEqual({ limit: 1024 * 1024 });
    expect(result.counts.registered).toBeGreaterThan(0);
    expect(result.counts.registered + result.counts.notSent).toBe(result.counts.valid);
    expect(client.keys.size).toBe(result.counts.registered);
  });

  it('refuses a source of known size over the limit before reading it', async () => {
    const client = createFakeRegistrar();
    const result = await importSalesReport(new Uint8Array(2048).fill(65), {
      venueId: 'v',
      client,
      maxBytes: 1024,
    });
    expect(result.error?.code).toBe('report-too-large');
    expect(client.calls).toHaveLength(0);
  });

  it('stops at a record that never ends (a missing quote or one 2 GB line)', async () => {
    async function* oneLine() {
      yield new TextEncoder().encode(HEADER + 'A045198723;1;0;"Show;3.2.2020\n');
      for (let i = 0; i < 2 * 1024; i++) yield new Uint8Array(1024 * 1024).fill(0x61);
    }
    const result = await importSalesReport(oneLine(), {
      venueId: 'v',
      dryRun: true,
      maxBytes: 3 * 1024 ** 3,
    });
    expect(result.error?.code).toBe('report-record-too-long');
    expect(result.error?.row).toBe(2);
  });

  it('stops a CSV that reads past the deadline XLSX has, blank lines and all (100 MB of them took 86 s)', async () => {
    // The clock moves a second on every look: the 120 s deadline passes within the first few hundred chunks.
    let clock = Date.now();
    const now = vi.spyOn(Date, 'now').mockImplementation(() => (clock += 1000));
    async function* endless() {
      yield HEADER;
      for (;;) yield '\n;;;;\r\n'.repeat(500);
    }
    try {
      const result = await importSalesReport(endless(), { venueId: 'v', dryRun: true });
      expect(result.error?.code).toBe('report-too-slow');
      expect(result.error?.params).toMatchObject({ limit: 120 });
      expect(result.lastRow).toBeLessThan(1000 * 1000);
    } finally {
      now.mockRestore();
    }
  });

  it('stops blank lines at twice maxRows lines, blank ones counted', async () => {
    // 24 MiB of blank lines read for 40–99 s (4 µs a line through five async generators), with no bound but time.
    const text = `${HEADER}A045198723;1;0;Show;3.2.2020\n${'\n;;;;\r\n'.repeat(1_000_050)}`;
    const result = await importSalesReport(text, { venueId: 'v', dryRun: true });
    expect(result.error).toMatchObject({ code: 'report-too-many-lines', params: { limit: 2_000_000 } });
    expect(result.error?.row).toBe(2_000_001);
    expect(result.error?.message.fi).toContain('tyhjät rivit mukaan lukien');
    expect(result.error?.message.sv).toContain('tomma rader medräknade');
    expect(result.error?.message.en).toContain('blank ones included');
    expect(result.counts).toMatchObject({ valid: 1, skipped: 1_999_998 });
    expect(result.lastRow).toBe(2_000_000);
  });

  it('reads blank lines as blank rows, numbered, however the chunks cut them', async () => {
    const body = `${HEADER}\n \t;;\r\n\r\n;;;;\rA045198723;1;0;Show;3.2.2020\n\n;\n"";1;0;Show;3.2.2020\n`;
    for (const size of [1, 2, 3, 7, 1000]) {
      const bytes = new TextEncoder().encode(body);
      const chunks = async function* () {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      };
      const result = await importSalesReport(chunks(), { venueId: 'v', dryRun: true, maxRows: 5 });
      expect(result.valid, `chunks of ${size}`).toEqual([{ from: 6, to: 6 }]);
      expect(result.counts).toMatchObject({ skipped: 6, invalid: 1 });
      expect(result.invalid.map((r) => r.row)).toEqual([9]);
      expect(result.lastRow).toBe(9);
    }
    const over = await importSalesReport(body, { venueId: 'v', dryRun: true, maxRows: 3 });
    expect(over.error).toMatchObject({ code: 'report-too-many-lines', row: 7 });
    expect(over.lastRow).toBe(6);
  });

  it('refuses a legacy .xls from its first bytes, even when the stream then stalls', async () => {
    async function* stalls(): AsyncGenerator<Uint8Array> {
      const start = new Uint8Array(4096);
      start.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      yield start;
      await new Promise(() => undefined);
    }
    const answer = importSalesReport(stalls(), { venueId: 'v', client: createFakeRegistrar() });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), 30_000)));
    expect(await Promise.race([answer.then((r) => r.error?.code), late])).toBe('report-legacy-xls');
    clearTimeout(timer);
  });

  it('stops after maxRows', async () => {
    const result = await importSalesReport(generated(50), { venueId: 'v', dryRun: true, maxRows: 10 });
    expect(result.error?.code).toBe('report-too-many-rows');
    expect(result.counts.valid).toBe(10);
  });

  it('stops when cancelled, naming the rows not sent', async () => {
    const controller = new AbortController();
    const client = createFakeRegistrar();
    const result = await importSalesReport(generated(500), {
      venueId: 'v',
      client,
      batchSize: 100,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.registered >= 200) controller.abort();
      },
    });
    expect(result.error?.code).toBe('report-aborted');
    expect(result.registered).toEqual([{ from: 2, to: 201 }]);
  });

  it('rejects invalid options with a stable code', async () => {
    await expect(importSalesReport('x', { venueId: '', dryRun: true })).rejects.toMatchObject({
      code: 'report-options-invalid',
    });
    await expect(importSalesReport('x', { venueId: 'v' })).rejects.toMatchObject({
      params: { option: 'client' },
    });
    await expect(
      importSalesReport('x', { venueId: 'v', dryRun: true, batchSize: 101 }),
    ).rejects.toMatchObject({
      params: { option: 'batchSize' },
    });
    const result = await importSalesReport(42 as unknown as string, { venueId: 'v', dryRun: true });
    expect(result.error?.code).toBe('report-options-invalid');
  });

  it('reads File, Blob, ArrayBuffer and web ReadableStream sources', async () => {
    const text = `${HEADER}A045198723;1;0;Show;3.2.2020\n`;
    const bytes = new TextEncoder().encode(text);
    const sources = [
      new File([text], 'report.csv'),
      new Blob([bytes]),
      bytes.buffer,
      new Blob([bytes]).stream(),
    ];
    for (const source of sources) {
      const result = await importSalesReport(source, { venueId: 'v', dryRun: true });
      expect(result.counts.valid).toBe(1);
    }
  });

  it('keeps details of at most maxRowDetails rows but counts them all', async () => {
    const result = await importSalesReport(
      generated(30, () => 'bad;1;0;Show;3.2.2020\n'),
      {
        venueId: 'v',
        dryRun: true,
        maxRowDetails: 5,
      },
    );
    expect(result.counts.invalid).toBe(30);
    expect(result.invalid).toHaveLength(5);
    expect(result.detailsTruncated).toBe(true);
  });
});
