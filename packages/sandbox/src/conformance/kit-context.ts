import { randomUUID } from 'node:crypto';
import {
  BatchResponseSchema,
  ShowTallySchema,
  UsageListSchema,
  UsageResultSchema,
} from '@kaiku-scanner/core/contract';
import type { UsageRecord, UsageRequest, UsageResult } from '@kaiku-scanner/core/contract';
import { addDays, helsinkiDay, helsinkiTime } from '../clock.js';
import { type Check, sameAnswer } from './check.js';
import type { Answer, Http } from './conformance-http.js';
import type { ConformanceOptions } from './run-conformance.js';

/** The sandbox's seeded test cards: ≥ 3 active (the cap race takes turns), one of each state the refusals need. */
export const DEFAULT_CARDS = {
  active: ['A045198723', 'A999005458', 'A999005429', 'A999005461', 'AM12345678'],
  unregistered: 'A999000001',
  inactive: 'A999005380',
  useBan: 'A999991234',
  inTransfer: 'A999005403',
  expired: 'A999005416',
  community: 'Y110029399',
};
export type KitCards = {
  readonly [K in keyof typeof DEFAULT_CARDS]: K extends 'active' ? readonly string[] : string;
};

/** What every check gets: the run's options and state; RangeError on < 3 active cards, < 2 clients or < 1 trial. */
export function createKitContext(options: ConformanceOptions, http: Http) {
  const cards = { ...DEFAULT_CARDS, ...options.cards };
  if (cards.active.length < 3) throw new RangeError('cards.active: at least 3 active cards are needed');
  const race = options.race ?? { clients: 10, trials: 5 };
  if (!(race.clients >= 2 && race.trials >= 1)) throw new RangeError('race: at least 2 clients and 1 trial');
  // The show: two weeks ahead at 18:00 Helsinki time, inside any reasonable booking window, never in the past.
  const day = addDays(helsinkiDay(new Date()), 14);
  return {
    ...options,
    http,
    venueId: options.venueId ?? 'teatteri-hilla',
    cards,
    /** The registered minors of active cards, read by a look-up when a check first needs them (see `minorsOf`). */
    minors: new Map<string, number | undefined>(),
    /** This run's tag: every show and key of the run starts with `conformance-<run>`. */
    run: randomUUID().slice(0, 8),
    /** The kit's show start and its Helsinki calendar day. */
    showStart: helsinkiTime(day, '18:00'),
    day,
    /** Usage IDs registered by the checks, by venue (the list check looks for them). */
    registered: new Map<string, string[]>(),
    race,
    /** How many pages of one usage list the kit follows at most. */
    pages: 500,
    /** One registration time for the run, so a body sent twice is the same body. */
    clientTime: new Date().toISOString(),
    /** Usages go as one-item batches (`POST /v1/usages/batch`): the checks run again, for every route that registers. */
    viaBatch: false,
    /** The cap each of the kit's shows was first registered with (`null`: none): its tally must say it. */
    caps: new Map<string, number | null>(),
  };
}
export type Ctx = ReturnType<typeof createKitContext>;

export type ShowRef = Readonly<{ id: string; cap?: number; start?: string; kind?: string }>;
export type UsageExtra = Partial<
  Pick<UsageRequest, 'childTickets' | 'mode' | 'group' | 'venueId' | 'forVenueId' | 'channel' | 'terminal'>
>;

/** A name in this run's scope (`conformance-<run>-<name>`): the kit's show IDs and idempotency keys. */
export const showId = (ctx: Ctx, name: string): string => `conformance-${ctx.run}-${name}`;
export const key = showId;

/** A usage request as the contract has it: on a show of the kit's own (a name, or a show), two weeks ahead. */
export function usage(ctx: Ctx, cardId: string, show: ShowRef | string, extra: UsageExtra = {}) {
  const ref: ShowRef = typeof show === 'string' ? { id: showId(ctx, show) } : show;
  const { id, cap, start, kind = 'show' } = ref;
  return {
    venueId: extra.venueId ?? ctx.venueId,
    show: {
      id,
      name: 'Conformance',
      start: start ?? ctx.showStart,
      kind,
      ...(cap !== undefined ? { cap } : {}),
    },
    cardId,
    childTickets: extra.childTickets ?? 0,
    ...(extra.group ? { group: extra.group } : {}),
    channel: extra.channel ?? 'box-office',
    ...(extra.forVenueId ? { forVenueId: extra.forVenueId } : {}),
    mode: extra.mode ?? 'booking',
    clientTime: ctx.clientTime,
    ...(extra.terminal ? { terminal: extra.terminal } : {}),
  };
}

export const post = (ctx: Ctx, path: string, body: unknown, idempotencyKey?: string, token?: string) =>
  ctx.http.send('POST', path, {
    body,
    headers: idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey },
    ...(token ? { token } : {}),
  });

/** POSTs a usage under this run's key `name` (none when undefined), with another token when given; with `viaBatch`
 * as a one-item batch, its item read as the answer of the single route would be. */
export async function sendUsage(ctx: Ctx, body: unknown, name?: string, token?: string): Promise<Answer> {
  if (!ctx.viaBatch || name === undefined)
    return post(ctx, 'v1/usages', body, name === undefined ? undefined : key(ctx, name), token);
  const items = [{ idempotencyKey: key(ctx, name), usage: body }];
  const answer = await post(ctx, 'v1/usages/batch', { items }, undefined, token);
  const item = BatchResponseSchema.safeParse(answer.json).data?.results[0];
  if (answer.status !== 200 || !item) return answer;
  if (item.ok) return { ...answer, status: item.replayed ? 200 : 201, json: item.result };
  const { problem } = item;
  return { ...answer, status: problem.status, contentType: 'application/problem+json', json: problem };
}

/** Notes a registered usage for the list check. */
export function remember<R extends { usageId: string }>(
  ctx: Ctx,
  result: R | undefined,
  venueId = ctx.venueId,
) {
  if (result) ctx.registered.set(venueId, [...(ctx.registered.get(venueId) ?? []), result.usageId]);
  return result;
}

/** `sendUsage` expecting a new usage (`201`, noted for the list check), or with `status: 200` a replay; else a
 * failure and `undefined`. */
export async function register(
  ctx: Ctx,
  c: Check,
  body: ReturnType<typeof usage>,
  name: string,
  what: string,
  options: { readonly status?: 200 | 201; readonly token?: string } = {},
): Promise<UsageResult | undefined> {
  const status = options.status ?? 201;
  const answer = await sendUsage(ctx, body, name, options.token);
  const result = c.valid(answer, status, UsageResultSchema, what);
  if (status !== 201 || !result) return result;
  remember(ctx, result, body.forVenueId ?? body.venueId); // an agent's sale is the owner's
  if (body.forVenueId) return result;
  // A show's first usage stores its settings; the tally read after a write is the one the write answered.
  const { id, cap } = body.show as { id: string; cap?: number };
  if (result.showTally.usages === 1 && !ctx.caps.has(id)) ctx.caps.set(id, cap ?? null);
  const tally = await readTally(ctx, c, id, options.token);
  const was = result.showTally;
  const is = tally && { ...tally, updatedAt: result.showTally.updatedAt };
  if (is)
    c.that(sameAnswer(was, is), `${what}: the tally ${JSON.stringify(was)}, read ${JSON.stringify(is)}`);
  return result;
}

/** A card's registered minors, by a look-up once per run; the check cannot run without them (never a guessed 0). */
export async function minorsOf(ctx: Ctx, c: Check, cardId: string): Promise<number> {
  if (!ctx.minors.has(cardId)) {
    const answer = await post(ctx, 'v1/cards/lookup', { cardId });
    const minors = (answer.json as { minors?: unknown } | undefined)?.minors;
    const known = Number.isInteger(minors) && (minors as number) >= 0;
    ctx.minors.set(cardId, known ? (minors as number) : undefined);
  }
  return (
    ctx.minors.get(cardId) ?? c.skip("needs the test cards' registered minors (a look-up did not give them)")
  );
}

const tallyPath = (id: string) => `v1/shows/${encodeURIComponent(id)}/tally`;

/** A show's tally, checked against the schema and itself (`remaining` = cap − given, never below 0; no cap: null). */
export async function readTally(ctx: Ctx, c: Check, id: string, token?: string) {
  const answer = await ctx.http.send('GET', tallyPath(id), token ? { token } : {});
  const t = c.valid(answer, 200, ShowTallySchema, `the tally of ${id}`);
  const cap = token ? undefined : ctx.caps.get(id);
  if (t && cap !== undefined) c.that(t.cap === cap, `tally of ${id}: cap ${t.cap}, first registered ${cap}`);
  const want = t && t.cap !== null ? Math.max(0, t.cap - t.ticketsGiven) : null;
  c.that(!t || t.remaining === want, `tally of ${id}: remaining not cap − given, ${JSON.stringify(t)}`);
  return t;
}

/** Notes `failure` unless the show `id` holds `n` usages (none when the server does not know the show). */
export async function expectUsages(ctx: Ctx, c: Check, id: string, n: number, failure: string) {
  const answer = await ctx.http.send('GET', tallyPath(id));
  const usages = answer.status === 404 ? 0 : ((answer.json as { usages?: number } | undefined)?.usages ?? -1);
  c.that(usages === n, failure);
}

/** A venue's usages of a Helsinki day, page by page (all within `pages`); `undefined` (noted) when a page broke the
 * contract. */
export async function listUsages(ctx: Ctx, c: Check, day: string, limit: number, token?: string) {
  const items: UsageRecord[] = [];
  const seen = new Set<string>();
  let cursor = '';
  for (let n = 1; n <= ctx.pages; n++) {
    const path = `v1/venues/${encodeURIComponent(ctx.venueId)}/usages?from=${day}&to=${day}&limit=${limit}`;
    const page = cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path;
    const answer = await ctx.http.send('GET', page, token ? { token } : {});
    const list = c.valid(answer, 200, UsageListSchema, `the usage list (page ${n} of ${limit})`);
    const size = list?.items.length;
    if (!list || !c.that(size! <= limit, `a page of ${size} items, asked for ${limit}`)) return undefined;
    items.push(...list.items);
    if (!list.nextCursor) return items;
    if (!c.that(!seen.has(list.nextCursor), 'the usage list answered a cursor twice')) return undefined;
    seen.add((cursor = list.nextCursor));
  }
  // Pages of any size up to `limit` are legal (a server of one usage a page): the kit's bound ran out, not the server.
  return c.skip(`the usage list did not end within the kit's ${ctx.pages} pages of ${limit}`);
}
