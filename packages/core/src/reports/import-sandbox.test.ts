/**
 * Against the real sandbox (HTTP + SQLite): importing the same report twice — and once more as XLSX —
 * registers nothing twice, counted on the server; the usage report reads the usages back.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api/create-api-client.js';
import type { ApiClient } from '../api/create-api-client.js';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';
import { startSandboxCli, type SandboxCli } from '../../../../test/support/sandbox-process.js';

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

let sandbox: SandboxCli;
let client: ApiClient;

async function serverCount(): Promise<number> {
  let count = 0;
  for await (const _ of client.iterateUsages({ venueId: VENUE, from: '2020-01-01', to: '2020-12-31' }))
    count++;
  return count;
}

beforeAll(async () => {
  // The sandbox's own command line in its own process, from source, as a vendor runs it.
  sandbox = await startSandboxCli(['--memory', '--testing']);
  client = createApiClient({ baseUrl: sandbox.url, getToken: () => 'test-token' });
}, 60_000);
afterAll(() => sandbox.close());

describe('importSalesReport against the sandbox', () => {
  it('registers valid rows once, even when the report is imported again as CSV and as XLSX', async () => {
    const first = await importSalesReport(CSV, { venueId: VENUE, client, newShows: true });
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
    const third = await importSalesReport(xlsx, { venueId: VENUE, client, newShows: true });
    expect(third.counts).toMatchObject({ registered: 0, alreadyRegistered: 3 });
    expect(await serverCount()).toBe(3);
  });

  it('one purchase per card and show: a second row is refused with the reason, in the file and on the server', async () => {
    const rows = (...lines: string[]) =>
      ['Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä', ...lines].join('\r\n');
    // The same card for one show with other child counts: not identical rows, still one purchase.
    const file = rows(
      'A999005461;1;1;Pikku Kakkonen;4.4.2020 klo 10.00',
      'A999005461;1;2;Pikku Kakkonen;4.4.2020 klo 10.00',
      'A999005461;1;0;Pikku Kakkonen;5.4.2020 klo 10.00',
    );
    const dry = await importSalesReport(file, { venueId: VENUE, dryRun: true });
    expect(dry.invalid.map((r) => [r.row, r.errors.map((e) => [e.code, e.params.firstRow])])).toEqual([
      [3, [['already-used', 2]]],
    ]);
    expect(dry.invalid[0]!.errors[0]!.message.fi).toBe(
      'Kortilla on jo lippu tähän tapahtumaan (4.4.2020 klo 10.00).',
    );
    const before = await serverCount();
    const first = await importSalesReport(file, { venueId: VENUE, client, newShows: true });
    expect(first.registered).toEqual([
      { from: 2, to: 2 },
      { from: 4, to: 4 },
    ]);
    expect(first.invalid.map((r) => [r.row, r.errors[0]!.code])).toEqual([[3, 'already-used']]);
    // Another report with that card for that show: the registry knows it, and says so per row.
    const later = await importSalesReport(rows('A999005461;1;0;Pikku Kakkonen;4.4.2020 klo 10.00'), {
      venueId: VENUE,
      client,
    });
    expect(later.refused.map((r) => [r.row, r.errors[0]!.code])).toEqual([[2, 'already-used']]);
    expect(later.refused[0]!.errors[0]!.message.en).toMatch(
      /^This card already has a ticket for this event \(/,
    );
    expect(await serverCount()).toBe(before + 2);
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
    expect(lines[0]).toBe(
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti',
    );
    expect(lines.slice(1, -1).sort()).toEqual([
      'A045198723;1;2;Taikuri Matti;3.2.2020;00:00;varaus;',
      'A999005458;1;0;Kesäyöntaika;9.2.2020;18:30;varaus;',
      'X000011986;1;0;Kesäyöntaika;9.2.2020;18:30;varaus;',
    ]);
    expect(lines.at(-1)).toBe('Yhteensä;3;2;;;;;');
  });

  it('a group visit on a community card, exported and imported into a fresh sandbox, counts the same tickets', async () => {
    const fresh = await startSandboxCli(['--memory', '--testing']);
    try {
      const show = {
        id: 'ryhma-1',
        name: 'Ryhmäkäynti',
        start: '2020-03-05T18:00:00+02:00',
        kind: 'show' as const,
      };
      const base = {
        venueId: VENUE,
        show,
        childTickets: 0,
        channel: 'box-office' as const,
        mode: 'booking' as const,
      };
      const clientTime = '2020-03-01T10:00:00Z';
      await client.registerUsage(
        {
          ...base,
          cardId: 'Y110029399',
          group: { memberCardIds: ['A999005458'], under16Clients: 2 },
          clientTime,
        },
        { idempotencyKey: 'group-visit-1' },
      );
      await client.registerUsage(
        { ...base, cardId: 'Z000010669', group: { memberCardIds: [], under16Clients: 1 }, clientTime },
        {
          idempotencyKey: 'group-visit-2',
        },
      );
      const period = { venueId: VENUE, from: '2020-03-01', to: '2020-03-31' };
      const report = await exportUsageReport({ client, ...period, format: 'csv' });
      const other = createApiClient({ baseUrl: fresh.url, getToken: () => 'test-token' });
      const imported = await importSalesReport(report.bytes, {
        venueId: VENUE,
        client: other,
        newShows: true,
      });
      expect(imported.refused.map((r) => r.errors[0]?.code)).toEqual([]);
      const tickets = async (api: ApiClient) => {
        let total = 0;
        let under16 = 0;
        for await (const u of api.iterateUsages(period)) {
          total += u.tickets.total;
          under16 += u.tickets.under16Clients;
        }
        return { total, under16 };
      };
      expect(await tickets(other)).toEqual(await tickets(client));
      expect(await tickets(other)).toEqual({ total: 6, under16: 3 });
      const again = await importSalesReport(report.bytes, { venueId: VENUE, client: other, newShows: true });
      expect(again.counts).toMatchObject({ registered: 0 });
    } finally {
      await fresh.close();
    }
  });

  it("registers an agent's rows for the venue its venue column names, and refuses the venues it may not act for", async () => {
    const agents = await startSandboxCli([
      '--memory',
      ...['--venue-token', 'lippu-agentti=agent', '--venue-token', `${VENUE}=hilla`],
      ...['--agent', `${VENUE}=lippu-agentti`],
    ]);
    try {
      const file = [
        'Kortin numero;Lapset;Tapahtuma;Päivämäärä;Tapahtumapaikka',
        'A045198723;0;Taikuri Matti;3.2.2020;lippu-agentti',
        'A999005458;0;Taikuri Matti;3.2.2020;Teatteri  hilla',
        'A999005429;0;Konsertti;4.2.2020;Kulttuuritalo',
        'A999005461;0;Konsertti;4.2.2020;Tuntematon sali',
      ].join('\n');
      const venues = { 'Teatteri Hilla': VENUE, Kulttuuritalo: 'kulttuuritalo' };
      const dry = await importSalesReport(file, { venueId: 'lippu-agentti', venues, dryRun: true });
      expect(dry.valid).toEqual([{ from: 2, to: 4 }]);
      const agent = createApiClient({ baseUrl: agents.url, getToken: () => 'agent' });
      const result = await importSalesReport(file, {
        venueId: 'lippu-agentti',
        venues,
        client: agent,
        newShows: true,
      });
      expect(result.registered).toEqual([{ from: 2, to: 3 }]);
      // Kaikukanta knows whom a venue has named its agent: refused per row, naming the venue and its column.
      expect(result.refused).toMatchObject([
        { row: 4, errors: [{ code: 'agent-not-authorized', field: 'venue' }] },
      ]);
      expect(result.refused[0]!.errors[0]!.message.fi).toContain('kulttuuritalo');
      // A venue the import was not told of: refused from the file alone, naming the venue.
      expect(result.invalid).toMatchObject([
        {
          row: 5,
          errors: [{ code: 'row-venue-unknown', field: 'venue', params: { venue: 'Tuntematon sali' } }],
        },
      ]);
      const hilla = createApiClient({ baseUrl: agents.url, getToken: () => 'hilla' });
      const owned = [];
      for await (const u of hilla.iterateUsages({ venueId: VENUE, from: '2020-02-01', to: '2020-02-29' }))
        owned.push(u.venueId);
      expect(owned).toEqual(['lippu-agentti']);
    } finally {
      await agents.close();
    }
  });
});

describe('one performance, one ID: a file row resolves to the venue show', () => {
  const post = async (path: string, body: unknown) =>
    fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const start = '2030-05-01T19:00:00+03:00';
  const matti = { id: 'hilla-matti-0105', name: 'Taikuri Matti', kind: 'show', start, cap: 3 } as const;
  const agentFile = (...lines: string[]) =>
    ['Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä', ...lines].join('\r\n');

  it("an agent's sale, imported, is the booking the door collects: one usage of the cap", async () => {
    for (const show of [matti, { ...matti, id: 'hilla-matti-0205', start: '2030-05-02T19:00:00+03:00' }])
      expect((await post('__sandbox/shows', { venueId: VENUE, show })).status).toBe(201);
    const file = agentFile(
      // Case and spacing aside, the venue's name and start: its show.
      'A045198723;1;1;  taikuri   MATTI ;1.5.2030 klo 19.00',
      // The same name on the next day: the other performance.
      'X000011986;1;0;Taikuri Matti;2.5.2030 klo 19.00',
      // A time the venue has no performance at: refused, naming the row; nothing made up.
      'A999005458;1;0;Taikuri Matti;1.5.2030 klo 18.00',
    );
    const imported = await importSalesReport(file, { venueId: 'lippu-agentti', forVenueId: VENUE, client });
    expect(imported.counts).toMatchObject({ registered: 2, invalid: 1 });
    expect(imported.invalid.map((r) => [r.row, r.errors[0]!.code])).toEqual([[4, 'row-show-unknown']]);
    expect(imported.shows.map((m) => [m.date, m.showId, m.how, m.rows])).toEqual([
      ['2030-05-01', 'hilla-matti-0105', 'matched', 1],
      ['2030-05-02', 'hilla-matti-0205', 'matched', 1],
    ]);
    // The import's own map names the moved time's performance (a time changed after the sale).
    const moved = { id: matti.id, name: matti.name, start: '2030-05-01T18:00:00+03:00' };
    const mapped = await importSalesReport(file, {
      venueId: 'lippu-agentti',
      forVenueId: VENUE,
      client,
      shows: [moved],
    });
    expect(mapped.counts).toMatchObject({ registered: 1, alreadyRegistered: 2, invalid: 0 });
    expect(mapped.shows.find((m) => m.how === 'mapped')).toMatchObject({ showId: matti.id, time: '18:00' });
    const tally = await client.getShowTally(matti.id);
    expect(tally).toMatchObject({ ticketsGiven: 3, usages: 2 });

    // At the door: the terminal collects the agent's booking under its own show ID — covered, counted once.
    const door = { venueId: VENUE, show: matti, channel: 'box-office', clientTime: start } as const;
    const collected = await client.registerUsage(
      { ...door, cardId: 'A045198723', childTickets: 1, mode: 'collection' },
      { idempotencyKey: 'door-collection-1' },
    );
    expect(collected).toMatchObject({ countedAgainstCap: 0, coveredByBooking: 2 });
    expect(await client.getShowTally(matti.id)).toMatchObject({ ticketsGiven: 3 });
    // A fresh sale of the same card for the performance is the second usage the model forbids.
    const again = client.registerUsage(
      { ...door, cardId: 'A045198723', childTickets: 0, mode: 'booking' },
      { idempotencyKey: 'door-sale-2' },
    );
    await expect(again).rejects.toMatchObject({ problemCode: 'already-used' });
    // The usage report: the booking and its collection are one purchase, one row (the agent's two children too).
    const period = { venueId: VENUE, from: '2030-05-01', to: '2030-05-01', format: 'csv' } as const;
    const report = new TextDecoder().decode((await exportUsageReport({ client, ...period })).bytes);
    expect(report.split(/\r?\n/).filter((line) => line.includes('A045198723'))).toEqual([
      expect.stringMatching(/^A045198723;1;1;Taikuri Matti;/),
    ]);
  });

  it('refuses a row two of the venue performances fit, naming them, until the map says which', async () => {
    const twin = { ...matti, id: 'hilla-matti-0105-b' };
    expect((await post('__sandbox/shows', { venueId: VENUE, show: twin })).status).toBe(201);
    const file = agentFile('A999005429;1;0;Taikuri Matti;1.5.2030 klo 19.00');
    const dry = await importSalesReport(file, { venueId: VENUE, client, dryRun: true });
    expect(dry.invalid[0]?.errors[0]).toMatchObject({
      code: 'row-show-ambiguous',
      field: 'event',
      params: { shows: 'hilla-matti-0105, hilla-matti-0105-b' },
    });
    const shows = [{ id: twin.id, name: twin.name, start: twin.start }];
    const chosen = await importSalesReport(file, { venueId: VENUE, client, dryRun: true, shows });
    expect(chosen.shows).toMatchObject([{ showId: twin.id, how: 'mapped', rows: 1 }]);
    expect(chosen.counts).toMatchObject({ valid: 1, invalid: 0 });
  });
});
