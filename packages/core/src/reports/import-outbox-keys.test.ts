/**
 * The outbox's report's Idempotency key and Registration details columns, as the import reads them: a keyed row is
 * sent under its record's key exactly as the outbox would send it; a missing, malformed, duplicated or mismatched
 * key, or one bound to another API or venue, is refused with a stable code naming the field, in fi/sv/en; a report
 * without the columns is imported as before, and its rows are listed in `withoutKey`. The proof against the real
 * sandbox and outbox is `test/e2e/outbox-report-import.e2e.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { toUsageReportCsv } from '../outbox/csv-export.js';
import type { OutboxRecord } from '../outbox/types.js';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import type { ImportResult } from './types.js';

const API = 'https://kaikukanta.example/api/';
const VENUE = 'teatteri-hilla';
const KEYS = [
  '3b0c8a5e-2f4d-4a6b-9c1d-0e2f3a4b5c6d',
  '7d1e2f30-4a5b-4c6d-8e7f-8091a2b3c4d5',
  'c0ffee00-1234-4abc-adef-0123456789ab',
];

function record(key: string, cardId: string, over: Partial<OutboxRecord['usage']> = {}): OutboxRecord {
  return {
    id: key,
    target: { api: API, venueId: VENUE },
    usage: {
      venueId: VENUE,
      show: {
        id: 'hilla-taikuri',
        name: 'Taikuri  Matti',
        start: '2020-02-03T18:30:00+02:00',
        kind: 'show',
        cap: 6,
      },
      cardId,
      childTickets: 1,
      channel: 'box-office',
      mode: 'booking',
      clientTime: '2020-02-01T09:15:00.123Z',
      ...over,
    },
    state: 'pending',
    acceptance: 'provisional',
    createdAt: 0,
    attempts: 0,
  };
}

const client = () => ({ ...createFakeRegistrar(), baseUrl: `${API}?x=1` });
const lines = (records: OutboxRecord[]) => toUsageReportCsv(records, { bom: false }).split('\r\n');
/** Replaces the `index`-th `;`-separated cell of a line (the details cell, last, is quoted and holds no `;`). */
/** The key column's index (after the report's sync status and reason), the details' next to it. */
const KEY = 11;
const withCell = (line: string, index: number, value: string) =>
  line
    .split(';')
    .map((c, i) => (i === index ? value : c))
    .join(';');
const codes = (result: ImportResult) =>
  result.invalid.map((r) => [r.row, ...r.errors.map((e) => [e.field, e.code])]);

describe('importSalesReport: the outbox report key', () => {
  it("sends a keyed row under its record's key, as the outbox would send it", async () => {
    const r = record(KEYS[0]!, 'A045198723');
    const registrar = client();
    const result = await importSalesReport(lines([r]).join('\r\n'), { venueId: VENUE, client: registrar });
    expect(result.counts).toMatchObject({ registered: 1, invalid: 0, withoutKey: 0 });
    // The same key and the same body: the server answers whichever copy comes second as a replay.
    expect(registrar.calls.flat()).toEqual([{ idempotencyKey: r.id, usage: r.usage }]);
    // Identity is the key: the outbox's own sync is a replay at the server.
    const again = await importSalesReport(lines([r]).join('\r\n'), { venueId: VENUE, client: registrar });
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 1 });
  });

  it('keyed group visits: the worker and members as one usage under the record key', async () => {
    const visit = record(KEYS[1]!, 'Y110029399', {
      childTickets: 0,
      mode: 'collection',
      group: { memberCardIds: ['A999005458', 'X000011986'], under16Clients: 2 },
    });
    const registrar = client();
    const rows = lines([visit]);
    // The worker's row may move; members keep their order (it is part of the request).
    const csv = [rows[0], rows[2], rows[1], rows[3], rows[4]].join('\r\n');
    const result = await importSalesReport(csv, { venueId: VENUE, client: registrar });
    expect(result.counts).toMatchObject({ registered: 3, invalid: 0 });
    expect(registrar.calls.flat()).toEqual([{ idempotencyKey: visit.id, usage: visit.usage }]);
    // Members swapped: another request than the outbox's under that key, refused on every row of the visit.
    const swapped = [rows[0], rows[1], rows[3], rows[2]].join('\r\n');
    const refused = await importSalesReport(swapped, { venueId: VENUE, client: client() });
    expect(codes(refused)).toEqual([
      [2, ['key', 'row-key-mismatch']],
      [3, ['key', 'row-key-mismatch']],
      [4, ['key', 'row-key-mismatch']],
    ]);
  });

  it('without the key column (an older report) imports as before, and lists the rows as without a key', async () => {
    const r = record(KEYS[0]!, 'A045198723');
    const old = lines([r, record(KEYS[1]!, 'A999005458')]).map((l) => l.split(';').slice(0, 11).join(';'));
    const registrar = client();
    const result = await importSalesReport(old.join('\r\n'), { venueId: VENUE, client: registrar });
    expect(result.counts).toMatchObject({ registered: 2, withoutKey: 2 });
    expect(result.withoutKey).toEqual([{ from: 2, to: 3 }]);
    expect(registrar.calls.flat().map((i) => i.idempotencyKey.startsWith('import-'))).toEqual([true, true]);
    // A row added by hand to a keyed report (both cells empty): the same, for that row only.
    const keyed = lines([r]);
    const added = withCell(withCell(keyed[1]!.replace('A045198723', 'A999005429'), KEY, ''), KEY + 1, '');
    const mixed = await importSalesReport([...keyed.slice(0, 2), added].join('\r\n'), {
      venueId: VENUE,
      client: client(),
    });
    expect(mixed.counts).toMatchObject({ registered: 2, invalid: 0, withoutKey: 1 });
    expect(mixed.withoutKey).toEqual([{ from: 3, to: 3 }]);
    // A plain sales report is no outbox report: nothing is listed.
    const sales = 'Kortin tunnus;Lippu lapselle;Esityksen nimi;Päivämäärä\r\nA045198723;1;Taikuri;3.2.2020';
    const plain = await importSalesReport(sales, { venueId: VENUE, client: client() });
    expect(plain.counts).toMatchObject({ registered: 1, withoutKey: 0 });
  });

  it('refuses a malformed key or details, naming the field, in three languages', async () => {
    const r = record(KEYS[0]!, 'A045198723');
    const [header, row] = lines([r]);
    const details = row!.split(';')[KEY + 1]!;
    const variants = [
      withCell(row!, KEY, KEYS[0]!.toUpperCase()),
      withCell(row!, KEY, 'import-0123456789abcdef'),
      withCell(row!, KEY, `${KEYS[0]} `.repeat(2).trim()),
      withCell(row!, KEY, ''),
      withCell(row!, KEY + 1, ''),
      withCell(row!, KEY + 1, '{v:1}'),
      withCell(row!, KEY + 1, details.replace('""cap"":6', '""Cap"":6')),
      withCell(row!, KEY + 1, details.replace('""v"":1', '""v"":2')),
      withCell(row!, KEY + 1, details.replace('""channel"":""box-office""', '""channel"":""till""')),
      // A card ID as a field name: the message names the field masked.
      withCell(row!, KEY + 1, details.replace('""v"":1', '""v"":1,""A045198723"":1')),
    ];
    const result = await importSalesReport([header, ...variants].join('\r\n'), {
      venueId: VENUE,
      client: client(),
    });
    expect(result.counts).toMatchObject({ registered: 0, invalid: variants.length });
    const found = result.invalid.map((r) => r.errors.map((e) => [e.field, e.code, e.params['path'] ?? '']));
    expect(found).toEqual([
      [['key', 'row-key-invalid', '']],
      [['key', 'row-key-invalid', '']],
      [['key', 'row-key-invalid', '']],
      [['key', 'row-key-invalid', '']],
      [['details', 'row-details-invalid', '']],
      [['details', 'row-details-invalid', '']],
      [['details', 'row-details-invalid', 'usage.show.Cap']],
      [['details', 'row-details-invalid', 'v']],
      [['details', 'row-details-invalid', 'usage.channel']],
      [['details', 'row-details-invalid', '•••']],
    ]);
    expect(result.invalid[4]!.errors[0]!.params['problem']).toBe('missing');
    expect(result.invalid[5]!.errors[0]!.params['problem']).toBe('unreadable');
    for (const outcome of result.invalid) {
      const { fi, sv, en } = outcome.errors[0]!.message;
      expect(new Set([fi, sv, en]).size).toBe(3);
      // Never the card ID, never the cell's raw text.
      for (const text of [fi, sv, en]) expect(text).not.toMatch(/A045198723|""|\{/);
    }
    expect(result.invalid[6]!.errors[0]!.message.fi).toContain('usage.show.Cap; tarkoititko cap?');
    expect(result.invalid[6]!.errors[0]!.message.en).toContain('did you mean cap?');
  });

  it('refuses a key twice in one file with a stable code; the first row goes in', async () => {
    const a = record(KEYS[0]!, 'A045198723');
    const [header, row, , total] = lines([a, record(KEYS[1]!, 'A999005458')]);
    const copy = withCell(row!, 2, '0');
    const result = await importSalesReport([header, row, lines([a])[1], copy, total].join('\r\n'), {
      venueId: VENUE,
      client: client(),
    });
    expect(result.registered).toEqual([{ from: 2, to: 2 }]);
    expect(result.invalid.map((r) => [r.row, r.errors[0]!.code, r.errors[0]!.params['firstRow']])).toEqual([
      [3, 'row-key-duplicate', 2],
      [4, 'row-key-duplicate', 2],
    ]);
    const { fi, sv, en } = result.invalid[0]!.errors[0]!.message;
    expect([fi, sv, en].every((t) => t.includes('2'))).toBe(true);
    expect(fi).toMatch(/kirjaustunniste/i);
    expect(sv).toMatch(/registreringsnyckel/i);
    expect(en).toMatch(/idempotency key/i);
  });

  it("refuses a key whose row no longer matches the record's data, naming what changed", async () => {
    const r = record(KEYS[0]!, 'A045198723');
    const [header, row] = lines([r]);
    const edits: [string, string][] = [
      [withCell(row!, 2, '2'), 'children'],
      [withCell(row!, 3, 'Taikuri Maija'), 'event'],
      [withCell(row!, 6, 'nouto'), 'mode'],
      [withCell(row!, 0, 'A999005458'), 'key'],
      [withCell(row!, 4, '4.2.2020'), 'key'],
      [withCell(row!, 5, '19:30'), 'key'],
    ];
    const registrar = client();
    const found: unknown[] = [];
    for (const [line] of edits) {
      const result = await importSalesReport([header, line].join('\r\n'), {
        venueId: VENUE,
        client: registrar,
      });
      found.push(result.invalid.map((o) => [o.errors[0]!.code, o.errors[0]!.field]));
      if (found.length === 1) expect(result.invalid[0]!.errors[0]!.message.sv).toMatch(/Biljett för barn/);
    }
    expect(registrar.calls.flat()).toEqual([]);
    expect(found).toEqual(edits.map(([, field]) => [['row-key-mismatch', field]]));
  });

  it('sends a keyed row only to the API and venue its record was queued for', async () => {
    const csv = lines([record(KEYS[0]!, 'A045198723')]).join('\r\n');
    const target = async (options: Parameters<typeof importSalesReport>[1]) =>
      (await importSalesReport(csv, options)).invalid.flatMap((o) =>
        o.errors.map((e) => [e.code, e.params['target']]),
      );
    const elsewhere = { ...createFakeRegistrar(), baseUrl: 'https://staging.kaikukanta.example/api/' };
    expect(await target({ venueId: VENUE, client: elsewhere })).toEqual([['row-key-target', 'api']]);
    expect(elsewhere.calls).toEqual([]);
    // A registrar that does not say where it sends: the target cannot be checked, so the row is not sent.
    const unknown = createFakeRegistrar();
    expect(await target({ venueId: VENUE, client: unknown })).toEqual([['row-key-target', 'api']]);
    expect(await target({ venueId: 'kulttuuritalo', client: client() })).toEqual([
      ['row-key-target', 'venue'],
    ]);
    expect(await target({ venueId: VENUE, forVenueId: 'kulttuuritalo', client: client() })).toEqual([
      ['row-key-target', 'venue'],
    ]);
    // A dry run without a client checks the venue only.
    expect(await target({ venueId: VENUE, dryRun: true })).toEqual([]);
    // A report whose details name no API: the API is unknown, never guessed.
    const fresh = toUsageReportCsv([record(KEYS[2]!, 'A045198723')], { bom: false });
    const old = fresh.replace(`""api"":""${API}""`, '""api"":null');
    expect(old).not.toBe(fresh);
    const result = await importSalesReport(old, { venueId: VENUE, client: client() });
    expect(result.invalid.map((o) => o.errors[0]!.code)).toEqual(['row-key-target']);
  });
});
