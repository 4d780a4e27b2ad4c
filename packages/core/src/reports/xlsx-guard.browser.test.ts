/**
 * Hostile workbooks through `importSalesReport` in a real browser (the whole-workbook path: exceljs's browser
 * build loads what the guard lets through). Every attack of hostile-xlsx.test-support.ts, written a random way
 * (seeded), just over the limits a browser import has by default, is refused with its code in seconds; before the
 * guard parsed attribute values, the 0.35 MB workbook (column XFD as `&#88;FD`) took Chromium's tab to a
 * 4 GB heap and a crash.
 */
import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { seedFastCheck } from '../../../../test/support/fast-check-seed.js';
import {
  ATTACK_CODE,
  ATTACKS,
  hostileCase,
  NOISE,
  spelling,
  workbookParts,
  zipOf,
} from './hostile-xlsx.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import { BROWSER_XLSX_LIMITS } from './xlsx-guard.js';

seedFastCheck();

const importCode = async (bytes: Uint8Array): Promise<string | undefined> => {
  const file = new File([bytes as BlobPart], 'myynti.xlsx');
  const result = await importSalesReport(file, { venueId: 'hilla', dryRun: true });
  expect(result.counts.rows).to.equal(0);
  return result.error?.code;
};

describe('hostile workbooks in the browser', function () {
  this.timeout(300_000);

  it("refuses the issue's 0.35 MB workbook (column XFD as a character reference) in seconds", async () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `<row r="${i + 2}"><c r="&#88;FD${i + 2}"><v>1</v></c></row>`,
    );
    const head = '<row r="1"><c r="A1" t="inlineStr"><is><t>Kortin tunnus</t></is></c></row>';
    const bytes = await zipOf(workbookParts({ sheet: `<sheetData>${head}${rows.join('')}</sheetData>` }));
    expect(bytes.byteLength).to.be.lessThan(1024 * 1024);
    const started = performance.now();
    expect(await importCode(bytes)).to.equal('report-xlsx-too-wide');
    expect(performance.now() - started).to.be.lessThan(20_000);
  });

  it("refuses an XLSX file over the browser's size limit up front, saying what to do instead", async () => {
    const big = new Uint8Array(BROWSER_XLSX_LIMITS.maxFileBytes + 1);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const started = performance.now();
    const result = await importSalesReport(new File([big], 'myynti.xlsx'), {
      venueId: 'hilla',
      dryRun: true,
    });
    expect(result.error?.code).to.equal('report-xlsx-too-large-for-browser');
    expect(result.error?.params).to.deep.equal({ limit: BROWSER_XLSX_LIMITS.maxFileBytes });
    for (const text of Object.values(result.error?.message ?? {}))
      expect(text).to.match(/16 MiB.*CSV.*kaiku-import/);
    expect(performance.now() - started).to.be.lessThan(5_000);
  });

  it('refuses every attack just over the default limits of a browser, however written', async () => {
    const limits = BROWSER_XLSX_LIMITS;
    const ways = fc.sample(fc.tuple(spelling, fc.constantFrom(...NOISE), fc.nat(3)), ATTACKS.length);
    for (const [n, kind] of ATTACKS.entries()) {
      const [how, noise, extra] = ways[n]!;
      // Millions of elements take longer to write here than to refuse; the Node fuzz covers them at small limits.
      if (
        kind === 'strings'
          ? limits.maxStrings > 500_000
          : (kind === 'styles' || kind === 'empty-rows') && limits.maxElements > 1_000_000
      )
        continue;
      const { parts } = hostileCase(kind, true, extra, how, noise, limits);
      const started = performance.now();
      expect(await importCode(await zipOf(parts)), kind).to.equal(ATTACK_CODE[kind]);
      expect(performance.now() - started, kind).to.be.lessThan(30_000);
    }
  });
});
