/**
 * The usage report's group-visit column and the outbox report's check and sync-status columns, as the import
 * reads them: a community card's row and its members' rows sharing a group visit become one group usage; a link
 * that points nowhere, a second community card on one visit, children on a member's row, a needs-attention row
 * and unknown values are refused with stable codes naming the row and the column. The round trip against real
 * sandboxes is `report-round-trip.property.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';

const HEADER =
  'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti';
const SHOW = 'Taikuri Matti;3.2.2020;18:30;varaus';
const csv = (...rows: string[]) => [HEADER, ...rows, 'Yhteensä;0;0;;;;;'].join('\r\n');

describe('importSalesReport: group visits', () => {
  it("registers a community card's row and its members' rows as one group usage, in any order", async () => {
    const client = createFakeRegistrar();
    const result = await importSalesReport(
      csv(
        `A999005458;1;0;${SHOW};u-17`,
        `Y110029399;1;2;${SHOW};u-17`,
        `A045198723;1;2;${SHOW};`,
        `X000011986;1;0;${SHOW};u-17`,
      ),
      { venueId: 'hilla', client },
    );
    expect(result.invalid).toEqual([]);
    expect(result.registered).toEqual([{ from: 2, to: 5 }]);
    const items = client.calls.flat();
    expect(items.map((i) => [i.usage.cardId, i.usage.childTickets, i.usage.group])).toEqual([
      ['A045198723', 2, undefined],
      ['Y110029399', 0, { memberCardIds: ['A999005458', 'X000011986'], under16Clients: 2 }],
    ]);
    const again = await importSalesReport(
      csv(
        `Y110029399;1;2;${SHOW};u-17`,
        `A999005458;1;0;${SHOW};u-17`,
        `X000011986;1;0;${SHOW};u-17`,
        `A045198723;1;2;${SHOW};`,
      ),
      { venueId: 'hilla', client },
    );
    expect(again.counts).toMatchObject({ registered: 0, alreadyRegistered: 4 });
  });

  it('refuses a member row whose group visit has no community-card row of the same show', async () => {
    const client = createFakeRegistrar();
    const result = await importSalesReport(
      csv(
        `Y110029399;1;1;${SHOW};u-17`,
        `A999005458;1;0;${SHOW};u-17`,
        `X000011986;1;0;${SHOW};u-99`,
        `A045198723;1;0;Taikuri Matti;3.2.2020;20:00;varaus;u-17`,
      ),
      { venueId: 'hilla', client },
    );
    expect(result.invalid.map((r) => [r.row, r.errors.map((e) => [e.field, e.code])])).toEqual([
      [4, [['group', 'row-group-unknown']]],
      [5, [['group', 'row-group-unknown']]],
    ]);
    const message = result.invalid[0]!.errors[0]!.message;
    expect(message.fi).toContain('Ryhmäkäynti');
    expect(message.fi).toContain('u-99');
    expect(message.sv).toContain('Gruppbesök');
    expect(message.en).toContain('Group visit');
    expect(result.registered).toEqual([{ from: 2, to: 3 }]);
    expect(client.calls.flat().map((i) => i.usage.group?.memberCardIds)).toEqual([['A999005458']]);
  });

  it('refuses a second community card on one visit and child tickets on a member row', async () => {
    const client = createFakeRegistrar();
    const result = await importSalesReport(
      csv(
        `Y110029399;1;1;${SHOW};u-17`,
        `Z000010669;1;1;${SHOW};u-17`,
        `A999005458;1;2;${SHOW};u-17`,
        `X000011986;1;0;${SHOW};u-17`,
      ),
      { venueId: 'hilla', client },
    );
    expect(result.invalid.map((r) => [r.row, r.errors.map((e) => [e.field, e.code, e.params])])).toEqual([
      [4, [['children', 'row-group-member-children', {}]]],
      [3, [['group', 'row-group-duplicate', { group: 'u-17', firstRow: 2 }]]],
    ]);
    expect(client.calls.flat().map((i) => i.usage.group?.memberCardIds)).toEqual([['X000011986']]);
  });

  it('a dry run settles group visits too', async () => {
    const result = await importSalesReport(
      csv(`A999005458;1;0;${SHOW};u-5`, `Y110029399;1;0;${SHOW};u-5`, `X000011986;1;0;${SHOW};u-6`),
      { venueId: 'hilla', dryRun: true },
    );
    expect(result.valid).toEqual([{ from: 2, to: 3 }]);
    expect(result.invalid.map((r) => [r.row, r.errors[0]!.code])).toEqual([[4, 'row-group-unknown']]);
  });
});

describe("importSalesReport: the outbox report's check and sync status", () => {
  const OUTBOX = 'Card ID,Adult tickets,Child tickets,Show,Date,Time,Mode,Group visit,Check,Sync status';
  it('registers pending rows (online or provisional), counts the provisional ones, refuses needs-attention', async () => {
    const client = createFakeRegistrar();
    const result = await importSalesReport(
      [
        OUTBOX,
        'A045198723,1,2,Taikuri Matti,3.2.2020,18:30,booking,,online,pending',
        'A999005458,1,0,Taikuri Matti,3.2.2020,18:30,booking,,provisional,pending',
        'X000011986,1,0,Taikuri Matti,3.2.2020,18:30,booking,,provisional,needs attention',
        'AM12345678,1,0,Taikuri Matti,3.2.2020,18:30,booking,,maybe,registered',
      ].join('\r\n'),
      { venueId: 'hilla', client },
    );
    expect(result.registered).toEqual([{ from: 2, to: 3 }]);
    expect(result.provisional).toEqual([{ from: 3, to: 3 }]);
    expect(result.counts.provisional).toBe(1);
    expect(result.invalid.map((r) => [r.row, r.errors.map((e) => [e.field, e.code])])).toEqual([
      [4, [['status', 'row-needs-attention']]],
      [
        5,
        [
          ['acceptance', 'row-acceptance-invalid'],
          ['status', 'row-status-invalid'],
        ],
      ],
    ]);
    expect(result.invalid[0]!.errors[0]!.message.fi).toMatch(/vaatii huomiota/);
  });
});
