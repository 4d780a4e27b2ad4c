import { describe, expect, it } from 'vitest';
import { ApiProblemError } from '../api/api-errors.js';
import { createFakeRegistrar } from './fake-registrar.test-support.js';
import { importSalesReport } from './import-sales-report.js';
import { ShowDirectory, type ShowLister, type VenueShow } from './resolve-show.js';
import type { SalesRow } from './types.js';

const row = (event: string, date: string, time?: string): SalesRow => ({
  row: 2,
  cardId: 'A045198723',
  childTickets: 0,
  event,
  date,
  ...(time === undefined ? {} : { time }),
});

/** A registry's list: the shows given, filtered by Helsinki day as the contract says; every request counted. */
function lister(shows: readonly VenueShow[]): ShowLister & { asked: string[] } {
  const asked: string[] = [];
  const list = async ({ venueId, from, to }: { venueId: string; from: string; to: string }) => {
    asked.push(`${venueId} ${from}..${to}`);
    const day = (s: VenueShow) =>
      new Date(s.start).toLocaleDateString('sv-SE', { timeZone: 'Europe/Helsinki' });
    return { items: shows.filter((s) => day(s) >= from && day(s) <= to) };
  };
  return Object.assign(list, { asked });
}

describe('ShowDirectory', () => {
  // 00:30 in Helsinki is the previous day in UTC: the day is Helsinki's.
  const late = { id: 'yo-0105', name: 'Yökonsertti', start: '2030-04-30T21:30:00Z' };
  const matinee = { id: 'matti-0105-14', name: 'Taikuri Matti', start: '2030-05-01T14:00:00+03:00' };
  const evening = { id: 'matti-0105-19', name: 'Taikuri Matti', start: '2030-05-01T19:00:00+03:00' };

  it('matches name (NFC, spacing, case aside), Helsinki day and time; one list request per venue and month', async () => {
    const registry = lister([late, matinee, evening]);
    const shows = new ShowDirectory(registry, [], false);
    expect(await shows.resolve(row('TAIKURI  matti ', '2030-05-01', '19:00'), 'hilla', 'f')).toEqual({
      id: 'matti-0105-19',
      how: 'matched',
    });
    expect(await shows.resolve(row('Yo\u0308konsertti', '2030-05-01', '00:30'), 'hilla', 'f')).toEqual({
      id: 'yo-0105',
      how: 'matched',
    });
    expect(await shows.resolve(row('Yökonsertti', '2030-05-01'), 'hilla', 'f')).toMatchObject({
      id: 'yo-0105',
    });
    expect(registry.asked).toEqual(['hilla 2030-05-01..2030-05-31']);
    await shows.resolve(row('Taikuri Matti', '2030-06-30', '19:00'), 'hilla', 'f');
    await shows.resolve(row('Taikuri Matti', '2030-05-01', '19:00'), 'other', 'f');
    expect(registry.asked).toEqual([
      'hilla 2030-05-01..2030-05-31',
      'hilla 2030-06-01..2030-06-30',
      'other 2030-05-01..2030-05-31',
    ]);
  });

  it('refuses a row without a time when two performances of its day fit, and one no performance fits', async () => {
    const shows = new ShowDirectory(lister([matinee, evening]), [], false);
    expect(await shows.resolve(row('Taikuri Matti', '2030-05-01'), 'hilla', 'f')).toMatchObject({
      code: 'row-show-ambiguous',
      field: 'event',
      params: { shows: 'matti-0105-14, matti-0105-19' },
    });
    const unknown = await shows.resolve(row('Taikuri Matti', '2030-05-01', '18:00'), 'hilla', 'f');
    expect(unknown).toMatchObject({ code: 'row-show-unknown', params: { time: '18:00' } });
    expect((unknown as { message: { sv: string } }).message.sv).toContain('Taikuri Matti');
    const fresh = new ShowDirectory(lister([]), [], true);
    expect(await fresh.resolve(row('Taikuri Matti', '2030-05-01'), 'hilla', 'report-1')).toEqual({
      id: 'report-1',
      how: 'new',
    });
  });

  it("gives the listed show's own start and kind, and prefers it to a show an old import made up", async () => {
    const course = { ...evening, kind: 'course' as const };
    const madeUp = { id: 'report-0123', name: 'Taikuri Matti', start: evening.start, kind: 'show' as const };
    const shows = new ShowDirectory(lister([madeUp, course]), [], false);
    expect(await shows.resolve(row('Taikuri Matti', '2030-05-01', '19:00'), 'hilla', 'f')).toEqual({
      id: evening.id,
      how: 'matched',
      show: { name: 'Taikuri Matti', start: evening.start, kind: 'course' },
    });
    expect(shows.mappings).toEqual([
      {
        event: 'Taikuri Matti',
        date: '2030-05-01',
        time: '19:00',
        showId: evening.id,
        how: 'matched',
        rows: 1,
      },
    ]);
  });

  it("takes the import's map before the list: a renamed show, a moved time", async () => {
    const registry = lister([evening]);
    const renamed = { id: evening.id, name: 'Magician Matti', start: '2030-05-01T18:00:00+03:00' };
    const shows = new ShowDirectory(registry, [renamed], false);
    expect(await shows.resolve(row('magician matti', '2030-05-01', '18:00'), 'hilla', 'f')).toEqual({
      id: evening.id,
      how: 'mapped',
    });
    expect(registry.asked).toEqual([]);
    expect(await shows.resolve(row('Taikuri Matti', '2030-05-01', '19:00'), 'hilla', 'f')).toMatchObject({
      how: 'matched',
    });
  });

  it('keeps the file ID without a list or a map, and for a venue the registry will not list to this account', async () => {
    expect(await new ShowDirectory(undefined, [], false).resolve(row('X', '2030-05-01'), 'v', 'f')).toEqual({
      id: 'f',
      how: 'new',
    });
    const status = (code: number) => async () => {
      throw new ApiProblemError({ type: 'about:blank', title: 't', status: code, code: 'forbidden' });
    };
    // Only when asked: new shows may be made (the registry then refuses the unnamed agent's rows itself).
    const notNamed = new ShowDirectory(status(403), [], true);
    expect(await notNamed.resolve(row('X', '2030-05-01'), 'v', 'f')).toEqual({ id: 'f', how: 'new' });
    const strict = new ShowDirectory(status(403), [], false);
    expect(await strict.resolve(row('X', '2030-05-01'), 'v', 'f')).toMatchObject({
      code: 'row-show-unknown',
    });
    // Any other failure is the import's: it stops, and says so.
    await expect(
      new ShowDirectory(status(500), [], false).resolve(row('X', '2030-05-01'), 'v', 'f'),
    ).rejects.toThrow();
  });
});

describe("a register's own file", () => {
  const body = [
    'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä',
    'A045198723;1;0;X;1.5.2030',
  ];
  const channelOf = async (title: string, channel?: 'reservation') => {
    const client = createFakeRegistrar();
    const file = [title, ...body].join('\r\n');
    await importSalesReport(file, { venueId: 'teatteri-hilla', client, ...(channel ? { channel } : {}) });
    return client.calls[0]?.[0]?.usage.channel;
  };

  it("is the box office's sale only when its title row names this venue's terminal", async () => {
    expect(await channelOf('teatteri-hilla · pääte Kassa 1;;;;')).toBe('box-office');
    expect(await channelOf('teatteri-hilla · terminal Kassa 2;;;;')).toBe('box-office');
    expect(await channelOf('teatteri-hilla · pääte Kassa 1;;;;', 'reservation')).toBe('reservation');
    // An agent's title that reads alike, or another venue's register: a ticket agent's sale, as before.
    expect(await channelOf('Lippupiste · terminal sales 2030;;;;')).toBe('ticket-agent');
    expect(await channelOf('kulttuuritalo · pääte Kassa 1;;;;')).toBe('ticket-agent');
  });
});
