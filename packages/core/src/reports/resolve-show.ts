/**
 * One performance, one ID (docs/api.md): a file's row names its performance by event name, date and time; the venue's
 * terminals and the registry by the venue's show ID. `ShowDirectory` resolves a row to that ID — the event name and
 * start time normalised, matched against the venue's performances (the registry's list, and the import's own map for
 * a renamed show or a moved time) — or refuses it, naming why.
 */
import { helsinkiDate, pad, toHelsinki } from '../rules/helsinki-time.js';
import * as z from 'zod/mini';
import type { ShowKind, ShowListQuery } from '../schemas/api.js';
import { isoDateTime, plainId, pure, text } from '../schemas/schema-parts.js';
import { KaikuApiError } from '../api/api-errors.js';
import { clip, ReportError, rowError } from './report-error.js';
import type { RowError, SalesRow, ShowMapping } from './types.js';
import { normaliseName, shownNames } from './usage-from-row.js';

/** The import's map of performances (`--shows`): `[{ id, name, start, venueId? }]`, nothing else. */
export const VenueShowsSchema = /* @__PURE__ */ pure(() => {
  const id = plainId(128);
  const name = text(1, 300);
  const start = isoDateTime();
  return z.array(z.strictObject({ id, name, start, venueId: z.optional(id) })).check(z.maxLength(10_000));
});
/** A performance a row may resolve to: the venue's show ID, its name, its start (ISO, with offset), — listed by the
 * registry — its kind, and — in the import's map — the venue it is a show of (a row of another venue never takes it). */
export type VenueShow = {
  readonly id: string;
  readonly name: string;
  readonly start: string;
  readonly kind?: ShowKind;
  readonly venueId?: string;
};

/** Where the venue's performances come from: the registry's list (`client.listShows`), a range at a time. */
export type ShowLister = (query: ShowListQuery) => Promise<{ readonly items: readonly VenueShow[] }>;

/** How a row's show was found: `matched` in the registry's list, `mapped` by the import's map; or the file's own ID,
 * `new` (`newShows` and no match) or `unmatched` (no list to ask: a client without `listShows`, a dry run offline). */
export type ShowMatch = {
  readonly id: string;
  readonly how: 'matched' | 'mapped' | 'new' | 'unmatched';
  /** Matched in the registry's list: the show as the venue set it (the usage carries its name, start and kind). */
  readonly show?: Required<Omit<VenueShow, 'id' | 'venueId'>>;
};

/** A show's name as a file and a show list both write it: Unicode NFC, spacing collapsed, case aside. */
export const performanceName = (name: string): string => normaliseName(name).toLowerCase();

/** A performance: its ID, its names (a formula-like name as a report's cell writes it too), day and clock time. */
type Entry = Readonly<{ show: VenueShow; names: readonly string[]; day: string; time: string }>;

const entry = (show: VenueShow): Entry => {
  const at = new Date(show.start);
  const { hour, minute } = toHelsinki(at);
  const names = shownNames(show.name).map((name) => name.toLowerCase());
  return { show, names, day: helsinkiDate(at), time: `${pad(hour)}:${pad(minute)}` };
};

/** The calendar month of a day (`2030-05-01` → `2030-05-01`…`2030-05-31`): one list request covers it. */
function monthOf(day: string): { from: string; to: string } {
  const [year = 0, month = 1] = day.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ym = day.slice(0, 7);
  return { from: `${ym}-01`, to: `${ym}-${String(last).padStart(2, '0')}` };
}

/**
 * Resolves rows to the venue's show IDs. Without a lister, a row the map does not name keeps the file's own ID.
 *
 * @example
 * const shows = new ShowDirectory((q) => client.listShows(q), [], false);
 * const match = await shows.resolve(row, 'teatteri-hilla', 'report-…'); // { id: 'hilla-taikuri-matti', how: 'matched' }
 */
export class ShowDirectory {
  readonly #lister: ShowLister | undefined;
  readonly #mapped: readonly Entry[];
  readonly #newShows: boolean;
  /** Each venue's months asked so far (undefined: the registry would not list them to this account). */
  readonly #months = new Map<string, Promise<readonly Entry[] | undefined>>();
  readonly #mappings = new Map<string, ShowMapping>();

  constructor(lister: ShowLister | undefined, mapped: readonly VenueShow[], newShows: boolean) {
    this.#lister = lister;
    this.#mapped = mapped.map(entry);
    this.#newShows = newShows;
  }

  /**
   * The show a row of `venueId` (the event's owner) is a performance of, or `row-show-unknown` / `row-show-ambiguous`
   * (throws `report-no-show-list` on a registry without the list). `fileId` is the ID the file alone gives it (used
   * when nothing resolves, see above); `rows` how many of the file's rows the usage is (a group visit's).
   */
  async resolve(row: SalesRow, venueId: string, fileId: string, rows = 1): Promise<ShowMatch | RowError> {
    const match = await this.#match(row, venueId, fileId);
    if ('code' in match) return match;
    const key = JSON.stringify([row.event, row.date, row.time ?? '', match.id]);
    const { event, date, time } = row;
    const first = { event, date, ...(time === undefined ? {} : { time }), showId: match.id, how: match.how };
    const seen = this.#mappings.get(key) ?? { ...first, rows: 0 };
    this.#mappings.set(key, { ...seen, rows: seen.rows + rows });
    return match;
  }

  /** Each performance of the rows resolved so far and its show, in the order first met. */
  get mappings(): ShowMapping[] {
    return [...this.#mappings.values()];
  }

  async #match(row: SalesRow, venueId: string, fileId: string): Promise<ShowMatch | RowError> {
    const event = performanceName(row.event);
    const fits = (e: Entry) =>
      e.names.includes(event) && e.day === row.date && (row.time === undefined || e.time === row.time);
    const fitting = (entries: readonly Entry[]) => entries.filter(fits);
    const mapped = fitting(this.#mapped.filter((e) => e.show.venueId === venueId));
    if (mapped.length === 0 && !this.#lister) return { id: fileId, how: 'unmatched' };
    const list = mapped.length > 0 ? [] : await this.#listed(this.#lister!, venueId, row.date);
    if (list === undefined && this.#newShows) return { id: fileId, how: 'new' };
    const listed = fitting(list ?? []);
    // A show an earlier import made up from a file (`report-…`, before this rule) yields to the venue's own.
    const venues = listed.filter((e) => !e.show.id.startsWith('report-'));
    const entries = mapped.length > 0 ? mapped : venues.length > 0 ? venues : listed;
    const found = [...new Set(entries.map((e) => e.show.id))];
    const params = { event: clip(row.event), date: row.date, time: row.time ?? '' };
    if (found.length > 1)
      return rowError('row-show-ambiguous', 'event', { ...params, shows: found.slice(0, 5).join(', ') });
    const [id] = found;
    const { name, start, kind } = entries[0]?.show ?? {};
    if (id !== undefined && mapped.length > 0) return { id, how: 'mapped' };
    if (id !== undefined)
      return { id, how: 'matched', ...(kind && name && start ? { show: { name, start, kind } } : {}) };
    return this.#newShows ? { id: fileId, how: 'new' } : rowError('row-show-unknown', 'event', params);
  }

  #listed(lister: ShowLister, venueId: string, day: string): Promise<readonly Entry[] | undefined> {
    const month = monthOf(day);
    const key = `${venueId}\n${month.from}`;
    let list = this.#months.get(key);
    if (!list) {
      // A venue whose shows this account may not read (an agent it has not named), or a registry without the list
      // (`404`, with `newShows`): none. With `newShows` the rows go under the file's ID (the registry refuses an
      // unnamed agent's, `agent-not-authorized`); else `row-show-unknown`, or the import stops (no list at all).
      const unlisted = (error: unknown) => {
        const status = error instanceof KaikuApiError ? error.status : 0;
        if (status === 403 || (status === 404 && this.#newShows)) return undefined;
        throw status === 404 ? new ReportError('report-no-show-list', { venue: venueId }) : error;
      };
      list = lister({ venueId, ...month }).then((page) => page.items.map(entry), unlisted);
      this.#months.set(key, list);
    }
    return list;
  }
}
