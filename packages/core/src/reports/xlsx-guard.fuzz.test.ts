/**
 * The guard against hostile workbooks, fuzzed at the XML layer: every attack written every way a parser reads
 * the same must be refused when over its bound and let through when within it (hostile-xlsx.test-support.ts),
 * through both read paths (Node's streaming one and the browsers' whole-workbook one). Seeded (npm test: the
 * suite's seed; FC_SEED=random searches). XLSX_FUZZ_RUNS=1000 searches longer.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ATTACK_CODE, hostileCases, workbookParts, zipOf } from './hostile-xlsx.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import { readXlsxSheets, readXlsxSheetsBuffered } from './read-xlsx.js';
import { ReportError } from './report-error.js';
import { XLSX_LIMITS } from './xlsx-guard.js';
import type { XlsxLimits } from './xlsx-guard.js';

const RUNS = Number(process.env.XLSX_FUZZ_RUNS ?? 60);
const LIMITS: XlsxLimits = {
  ...XLSX_LIMITS,
  maxColumns: 16,
  maxRows: 5000,
  maxCells: 300,
  maxStrings: 100,
  maxElements: 4000,
};

/** This process's CPU time in ms: a bound on the guard's work that a busy machine does not stretch, as it does wall time. */
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** What each read path makes of the workbook: undefined when it reads, else the refusal's code. */
async function outcomes(bytes: Uint8Array, limits: XlsxLimits): Promise<(string | undefined)[]> {
  const codes: (string | undefined)[] = [];
  for (const read of [readXlsxSheets, readXlsxSheetsBuffered]) {
    try {
      for await (const sheet of read(once(bytes), limits)) for await (const row of sheet.rows) void row;
      codes.push(undefined);
    } catch (error) {
      expect(error).toBeInstanceOf(ReportError);
      codes.push((error as ReportError).code);
    }
  }
  return codes;
}

describe('hostile workbooks, fuzzed at the XML layer', () => {
  // Both read paths load exceljs on first use: a cost of the first case, not of the guard.
  beforeAll(async () => {
    expect(await outcomes(await zipOf(workbookParts({ sheet: '<sheetData/>' })), LIMITS)).toEqual([
      undefined,
      undefined,
    ]);
  }, 60_000);

  it(
    'refuses every attack over its bound, however written, and none within it',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileCases(LIMITS), async ({ kind, over, parts }) => {
          const bytes = await zipOf(parts);
          const started = cpuMs();
          const codes = await outcomes(bytes, LIMITS);
          expect(cpuMs() - started).toBeLessThan(5000);
          if (over) expect(codes, kind).toEqual([ATTACK_CODE[kind], ATTACK_CODE[kind]]);
          // Within the bounds both paths read it (exceljs's streaming reader cannot place a cell without `r`).
          else {
            expect(codes[1], kind).toBe(undefined);
            const streamed = kind === 'cells-without-r' ? [undefined, 'report-xlsx-unreadable'] : [undefined];
            expect(streamed, kind).toContain(codes[0]);
          }
        }),
        { numRuns: RUNS },
      );
    },
    20_000 + RUNS * 1000,
  );

  it("refuses the issue's 0.35 MB workbook (column XFD as a character reference, or after a long attribute) in seconds", async () => {
    for (const spell of [
      (i: number) => `r="&#88;FD${i}"`,
      (i: number) => `s="0" q="${'x'.repeat(300)}" r="XFD${i}"`,
    ]) {
      const rows = Array.from(
        { length: 100_000 },
        (_, i) => `<row r="${i + 2}"><c ${spell(i + 2)}><v>1</v></c></row>`,
      );
      const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>Kortin tunnus</t></is></c></row>';
      const bytes = await zipOf(workbookParts({ sheet: `<sheetData>${head}${rows.join('')}</sheetData>` }));
      expect(bytes.byteLength).toBeLessThan(1024 * 1024);
      const started = cpuMs();
      const result = await importSalesReport(new Blob([bytes as BlobPart]), { venueId: 'v', dryRun: true });
      expect(result.error?.code).toBe('report-xlsx-too-wide');
      expect(result.counts.rows).toBe(0);
      // Before the guard parsed attribute values: 120 s, until the deadline stopped it.
      expect(cpuMs() - started).toBeLessThan(15_000);
    }
  }, 60_000);
});
