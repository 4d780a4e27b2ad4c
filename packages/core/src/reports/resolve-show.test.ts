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
    const renamed = {
      id: evening.id,
      name: 'Magician Matti',
      start: '2030-05-01T18:00:00+03:00',
      venueId: 'hilla',
    };
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

  it("takes a map's entry only for a row of its venue", async () => {
    const theirs = { id: 'their-matti', name: 'Taikuri Matti', start: evening.start, venueId: 'other' };
    const shows = new ShowDirectory(lister([evening]), [theirs], false);
    expect(await shows.resolve(row('Taikuri Matti', '2030-05-01', '19:00'), 'hilla', 'f')).toMatchObject({
      id: evening.id,
      how: 'matched',
    });
    expect(await shows.resolve(row('Taikuri Matti', '2030-05-01', '19:00'), 'other', 'f')).toEqual({
      id: 'their-matti',
      how: 'mapped',
    });
  });

  it('keeps the file ID, unmatched, without a list (a dry run offline): the map still names its shows', async () => {
    const offline = new ShowDirectory(undefined, [{ ...evening, venueId: 'v' }], false);
    expect(await offline.resolve(row('X', '2030-05-01'), 'v', 'f')).toEqual({ id: 'f', how: 'unmatched' });
    expect(await offline.resolve(row('Taikuri Matti', '2030-05-01'), 'v', 'f')).toMatchObject({
      how: 'mapped',
    });
  });

  it('stops on a registry without the list (404), unless new shows may be made', async () => {
    const none = async () => {
      throw new ApiProblemError({ type: 'about:blank', title: 't', status: 404, code: 'not-found' });
    };
    const stopped = new ShowDirectory(none, [], false).resolve(row('X', '2030-05-01'), 'v', 'f');
    await expect(stopped).rejects.toMatchObject({ code: 'report-no-show-list', params: { venue: 'v' } });
    await expect(stopped).rejects.toThrow(/--shows .*--new-shows/);
    const fresh = new ShowDirectory(none, [], true);
    expect(await fresh.resolve(row('X', '2030-05-01'), 'v', 'f')).toEqual({ id: 'f', how: 'new' });
    // Through the import: its own code, not report-server-failed.
    const client = { ...createFakeRegistrar(), listShows: none };
    const file =
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä\r\nA045198723;1;0;X;1.5.2030';
    const result = await importSalesReport(file, { venueId: 'v', client });
    expect([result.error?.code, client.calls.length]).toEqual(['report-no-show-list', 0]);
  });

  it("binds a map's entry without venueId to the event's venue; with other venues named, refuses it", async () => {
    const file = [
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Tapahtumapaikka',
      'A045198723;1;0;Taikuri Matti;1.5.2030;19.00;Hilla',
      'A999005458;1;0;Taikuri Matti;1.5.2030;19.00;Kaiku',
    ].join('\r\n');
    const map = (venueId?: string) => [{ ...evening, id: `map-${venueId}`, ...(venueId ? { venueId } : {}) }];
    const venues = { Hilla: 'hilla', Kaiku: 'kaiku' };
    const run = (shows: VenueShow[], more = {}) =>
      importSalesReport(file, { venueId: 'hilla', client: createFakeRegistrar(), shows, ...more });
    await expect(run(map(), { venues })).rejects.toMatchObject({
      code: 'report-options-invalid',
      params: { option: 'shows[0].venueId' },
    });
    // Each row takes only its own venue's entry: Kaiku's row finds none (no list, the file's own ID).
    const bound = await run([...map('hilla'), ...map('other')], { venues });
    expect(bound.shows.map((m) => [m.showId.slice(0, 7), m.how])).toEqual([
      ['map-hil', 'mapped'],
      ['report-', 'unmatched'],
    ]);
    // One event venue: an old map (no venueId) is that venue's (--for-venue), never the agent's own row's.
    const old = await run(map(), { forVenueId: 'kaiku' });
    expect(old.shows.map((m) => [m.showId.slice(0, 7), m.how])).toEqual([
      ['report-', 'unmatched'],
      ['map-und', 'mapped'],
    ]);
  });

  it('keeps the file ID for a venue the registry will not list to this account', async () => {
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
