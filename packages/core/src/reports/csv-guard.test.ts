/**
 * Every CSV the SDK writes (the usage report the register exports, the outbox's report, the shift's CSV) is safe to
 * open in a spreadsheet set to any list separator: Excel in English cuts a `;` file at its commas, and there no cell
 * may start a formula. The outbox's report still imports, under its keys.
 */
import { describe, expect, it } from 'vitest';
import { toUsageReportCsv } from '../outbox/csv-export.js';
import { shiftReport } from '../outbox/shift-tally.js';
import type { OutboxRecord } from '../outbox/types.js';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';

const NAMES = [
  'Matti,=HYPERLINK("http://x","y")',
  'Matti;=1+1',
  'Matti, "@SUM(A1)"',
  'Matti\t-2+3',
  'Matti\n+cmd',
  'Matti;,\t =1',
  '=Matti',
];

/** Every place a spreadsheet may start a cell: after any list separator or line break, spaces and quotes aside. */
const formulaStarts = (csv: string): string[] =>
  csv
    .split(/[;,\t\r\n]/)
    .map((part) => part.replace(/^[\s"]*/, ''))
    .filter((start) => /^[=+\-@]/.test(start));

const API = 'https://kaikukanta.example/api/';
const record = (i: number, name: string): OutboxRecord => ({
  id: `3b0c8a5e-2f4d-4a6b-9c1d-0e2f3a4b5c${String(i).padStart(2, '0')}`,
  target: { api: API, venueId: 'hilla' },
  usage: {
    venueId: 'hilla',
    show: { id: `show-${i}`, name, start: '2020-02-03T18:30:00+02:00', kind: 'show', cap: 6 },
    cardId: `A04519872${i}`,
    childTickets: 1,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2020-02-01T09:15:00.123Z',
  },
  state: 'pending',
  acceptance: 'provisional',
  createdAt: 0,
  attempts: 0,
});

describe('CSV cells start no formula, whatever the list separator', () => {
  it('in the usage report (the register exports it)', async () => {
    const rows = NAMES.map((show) => ({
      cardId: 'A045198723',
      adultTickets: 1,
      childTickets: 0,
      show,
      date: '2020-02-03',
    }));
    for (const delimiter of [';', ',', '\t'] as const) {
      const report = await exportUsageReport({
        rows,
        format: 'csv',
        locale: 'fi',
        delimiter,
        title: '@Hilla, =x',
      });
      const csv = new TextDecoder().decode(report.bytes);
      expect(formulaStarts(csv), delimiter).toEqual([]);
      const result = await importSalesReport(csv, { venueId: 'hilla', dryRun: true });
      expect(result.counts, delimiter).toMatchObject({ valid: NAMES.length, invalid: 0 });
    }
  });

  it("in the outbox's report, which still imports under its keys", async () => {
    const records = NAMES.map((name, i) => record(i, name));
    for (const separator of [';', ','] as const) {
      const csv = toUsageReportCsv(records, { separator, bom: false });
      expect(formulaStarts(csv), separator).toEqual([]);
      const result = await importSalesReport(csv, { venueId: 'hilla', dryRun: true });
      expect(result.invalid, separator).toEqual([]);
      expect(result.counts).toMatchObject({ valid: NAMES.length, withoutKey: 0 });
    }
  });

  it("in the shift's CSV", () => {
    const usages = NAMES.map((name, i) => ({
      id: `k${i}`,
      at: '2030-02-03T10:00:00Z',
      state: 'registered' as const,
      cardId: 'A045198723',
      childTickets: 0,
      mode: 'booking' as const,
      show: { id: `s${i}`, name, start: '2030-02-03T18:00:00+02:00' },
    }));
    for (const locale of ['fi', 'en'] as const)
      expect(formulaStarts(shiftReport(usages, locale).csv)).toEqual([]);
  });
});
