/**
 * The contract's conformance kit: runs the contract's checks against any server that claims to speak it — our
 * sandbox, the real Kaikukanta, a vendor's proxy. Schema validity of every answer, idempotency (missing key,
 * replay, reused key, duplicates in flight), cap atomicity under parallel clients, refusal codes, problem+json
 * and auth. Bounded: the given base URL only, a fixed request budget, every request with a timeout.
 *
 * It registers real usages (on shows of its own, `conformance-<run>-…`): run it against a test venue.
 */
import { randomUUID } from 'node:crypto';
import {
  BatchResponseSchema,
  CardRecordSchema,
  HealthSchema,
  ProblemSchema,
  ShowTallySchema,
  UsageListSchema,
  UsageResultSchema,
} from '@kaiku-scanner/core/contract';
import { createConformanceHttp } from './conformance-http.js';
import type { Answer, Http } from './conformance-http.js';

export type ConformanceOptions = {
  readonly baseUrl: string;
  readonly token: string;
  /** The venue usages are registered for. Default `teatteri-hilla` (the sandbox's seed). */
  readonly venueId?: string;
  /** Active client cards (at least 3) that may register usages. Default: the sandbox's seeded ones. */
  readonly activeCards?: readonly string[];
  /** A card ID the server does not know. Default `A999000001`. */
  readonly unregisteredCard?: string;
  /** A registered but inactive card. Default `A999005380`. */
  readonly inactiveCard?: string;
  /**
   * A second venue and a token bound to it, for the tenancy checks: a token acts for its own venue only (403
   * problem otherwise), and an idempotency key is scoped to its venue. Without it those checks are skipped (and
   * say so).
   */
  readonly otherVenue?: { readonly venueId: string; readonly token: string };
  /** Request budget. Default 120. */
  readonly budget?: number;
  /** Per-request timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
};

export type CheckResult = {
  readonly name: string;
  readonly ok: boolean;
  readonly failures: readonly string[];
  /** Why the check did not run (it needs an option); `ok` is then true. */
  readonly skipped?: string;
};
export type ConformanceReport = {
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
  readonly requests: number;
};

type Schema = {
  safeParse(v: unknown): { success: boolean; error?: { issues: readonly { path: PropertyKey[] }[] } };
};

class SkipCheck extends Error {}

class Check {
  readonly failures: string[] = [];
  skip(reason: string): never {
    throw new SkipCheck(reason);
  }
  that(ok: boolean, message: string): boolean {
    if (!ok) this.failures.push(message);
    return ok;
  }
  /** A 2xx answer of `status` whose JSON matches `schema`. */
  valid<T>(answer: Answer, status: number, schema: Schema, what: string): T | undefined {
    if (!this.that(answer.status === status, `${what}: status ${answer.status}, expected ${status}`))
      return undefined;
    this.that(/^application\/json\b/.test(answer.contentType), `${what}: content type ${answer.contentType}`);
    const parsed = schema.safeParse(answer.json);
    const paths = parsed.error?.issues
      .map((i) => i.path.join('.') || '(root)')
      .slice(0, 5)
      .join(', ');
    return this.that(parsed.success, `${what}: the body breaks the schema at ${paths}`)
      ? (answer.json as T)
      : undefined;
  }
  /** An RFC 9457 problem with this status (and code, when given). */
  problem(answer: Answer, status: number, code: string | undefined, what: string): void {
    this.that(answer.status === status, `${what}: status ${answer.status}, expected ${status}`);
    this.that(
      /^application\/problem\+json\b/.test(answer.contentType),
      `${what}: content type ${answer.contentType || '(none)'}, expected application/problem+json`,
    );
    const parsed = ProblemSchema.safeParse(answer.json);
    if (!this.that(parsed.success, `${what}: the body is not a Problem`)) return;
    this.that(
      parsed.data!.status === answer.status,
      `${what}: problem status ${parsed.data!.status} ≠ ${answer.status}`,
    );
    if (code !== undefined)
      this.that(parsed.data!.code === code, `${what}: code ${parsed.data!.code}, expected ${code}`);
  }
}

type Ctx = {
  readonly http: Http;
  readonly venueId: string;
  readonly cards: readonly string[];
  readonly unregistered: string;
  readonly inactive: string;
  readonly run: string;
  readonly showStart: string;
  readonly day: string;
  /** One registration time for the run, so a body sent twice is the same body. */
  readonly clientTime: string;
  /** Usage IDs registered by the checks (the list check looks for them). */
  readonly registered: string[];
  readonly other: { readonly venueId: string; readonly token: string } | undefined;
};

function usage(
  ctx: Ctx,
  cardId: string,
  show: { id: string; cap?: number },
  childTickets = 0,
  venueId = ctx.venueId,
) {
  return {
    venueId,
    show: {
      id: show.id,
      name: 'Conformance',
      start: ctx.showStart,
      kind: 'show',
      ...(show.cap !== undefined ? { cap: show.cap } : {}),
    },
    cardId,
    childTickets,
    channel: 'box-office',
    mode: 'booking',
    clientTime: ctx.clientTime,
  };
}

const post = (ctx: Ctx, path: string, body: unknown, key?: string) =>
  ctx.http.send('POST', path, { body, headers: key === undefined ? {} : { 'idempotency-key': key } });

const CHECKS: Record<string, (ctx: Ctx, c: Check) => Promise<void>> = {
  async health(ctx, c) {
    c.valid(await ctx.http.send('GET', 'v1/health', { auth: false }), 200, HealthSchema, 'GET v1/health');
  },

  async auth(ctx, c) {
    const none = await ctx.http.send('POST', 'v1/cards/lookup', {
      body: { cardId: ctx.cards[0] },
      auth: false,
    });
    c.problem(none, 401, 'unauthorized', 'look-up without a token');
    c.that(none.headers.has('www-authenticate'), 'a 401 without WWW-Authenticate');
  },

  async 'card look-up'(ctx, c) {
    const card = c.valid<{ id: string }>(
      await post(ctx, 'v1/cards/lookup', { cardId: ctx.cards[0] }),
      200,
      CardRecordSchema,
      'look-up of an active card',
    );
    if (card) c.that(card.id === ctx.cards[0], 'the card record is for another card');
    c.problem(
      await post(ctx, 'v1/cards/lookup', { cardId: ctx.unregistered }),
      404,
      'card-not-registered',
      'unregistered card',
    );
    c.problem(
      await post(ctx, 'v1/cards/lookup', { cardId: 'not a card' }),
      400,
      'invalid-request',
      'malformed card ID',
    );
    c.problem(await ctx.http.send('GET', `v1/conformance-${ctx.run}`), 404, 'not-found', 'unknown path');
  },

  async idempotency(ctx, c) {
    const show = { id: `conformance-${ctx.run}-open` };
    const body = usage(ctx, ctx.cards[0]!, show);
    c.problem(await post(ctx, 'v1/usages', body), 400, 'idempotency-key-missing', 'usage without a key');
    const key = `conformance-${ctx.run}-1`;
    const first = c.valid<{ usageId: string }>(
      await post(ctx, 'v1/usages', body, key),
      201,
      UsageResultSchema,
      'new usage',
    );
    if (first) ctx.registered.push(first.usageId);
    const again = await post(ctx, 'v1/usages', body, key);
    const replay = c.valid<{ usageId: string }>(
      again,
      200,
      UsageResultSchema,
      'replay of the same key and body',
    );
    c.that(again.headers.get('idempotent-replayed') === 'true', 'a replay without Idempotent-Replayed: true');
    if (first && replay)
      c.that(replay.usageId === first.usageId, 'a replay with another usageId (registered twice)');
    c.problem(
      await post(ctx, 'v1/usages', { ...body, childTickets: 1 }, key),
      422,
      'idempotency-key-reused',
      'same key, other body',
    );
    c.problem(
      await ctx.http.send('POST', 'v1/usages', {
        body: JSON.stringify(body),
        headers: { 'idempotency-key': `${key}-t`, 'content-type': 'text/plain' },
      }),
      415,
      undefined,
      'a text/plain body',
    );
    // The same key sent six times at once: one registration, the rest replays or 409 in progress.
    const dupKey = `conformance-${ctx.run}-dup`;
    const dupBody = usage(ctx, ctx.cards[1]!, show);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => post(ctx, 'v1/usages', dupBody, dupKey)),
    );
    const ids = new Set<string>();
    for (const a of answers) {
      if (a.status === 201 || a.status === 200) {
        const r = c.valid<{ usageId: string }>(a, a.status, UsageResultSchema, 'a duplicate in flight');
        if (r) ids.add(r.usageId);
      } else if (a.status === 409) {
        c.problem(a, 409, 'idempotency-key-in-progress', 'a duplicate in flight');
        c.that(a.headers.has('retry-after'), 'a 409 without Retry-After');
      } else c.that(false, `a duplicate in flight answered ${a.status}`);
    }
    c.that(
      answers.filter((a) => a.status === 201).length === 1,
      `duplicates in flight: ${answers.filter((a) => a.status === 201).length} × 201, expected 1`,
    );
    c.that(ids.size <= 1, `duplicates in flight got ${ids.size} different usage IDs`);
    ctx.registered.push(...ids);
  },

  async 'cap atomicity'(ctx, c) {
    const cap = Math.max(1, Math.floor(ctx.cards.length / 2));
    const show = { id: `conformance-${ctx.run}-cap`, cap };
    const answers = await Promise.all(
      ctx.cards.map((card, i) =>
        post(ctx, 'v1/usages', usage(ctx, card, show), `conformance-${ctx.run}-cap-${i}`),
      ),
    );
    let accepted = 0;
    for (const a of answers) {
      if (a.status === 201) {
        if (c.valid(a, 201, UsageResultSchema, 'a usage within the cap')) accepted++;
      } else {
        c.problem(a, 422, undefined, 'a usage over the cap');
        const code = (a.json as { code?: string } | undefined)?.code;
        c.that(
          code === 'cap-reached' || code === 'cap-exceeded',
          `a usage over the cap refused with ${code}`,
        );
      }
    }
    c.that(accepted === cap, `${ctx.cards.length} parallel clients on a cap of ${cap}: ${accepted} accepted`);
    const tally = c.valid<{ ticketsGiven: number; cap: number | null; remaining: number | null }>(
      await ctx.http.send('GET', `v1/shows/${encodeURIComponent(show.id)}/tally`),
      200,
      ShowTallySchema,
      'the tally',
    );
    if (tally) {
      c.that(tally.ticketsGiven === cap, `tally ticketsGiven ${tally.ticketsGiven}, expected ${cap}`);
      c.that(tally.remaining === 0, `tally remaining ${tally.remaining}, expected 0`);
    }
  },

  async 'refusal codes'(ctx, c) {
    const body = usage(ctx, ctx.inactive, { id: `conformance-${ctx.run}-open` });
    const answer = await post(ctx, 'v1/usages', body, `conformance-${ctx.run}-inactive`);
    c.problem(answer, 422, 'card-inactive', 'an inactive card');
    c.that(
      Array.isArray((answer.json as { reasons?: unknown } | undefined)?.reasons),
      'a refusal without reasons',
    );
  },

  async batch(ctx, c) {
    const show = { id: `conformance-${ctx.run}-open` };
    const items = [
      { idempotencyKey: `conformance-${ctx.run}-1`, usage: usage(ctx, ctx.cards[0]!, show) },
      { idempotencyKey: `conformance-${ctx.run}-batch`, usage: usage(ctx, ctx.cards[2]!, show) },
    ];
    const answer = c.valid<{ results: { idempotencyKey: string; ok: boolean; replayed?: boolean }[] }>(
      await post(ctx, 'v1/usages/batch', { items }),
      200,
      BatchResponseSchema,
      'a batch',
    );
    if (!answer) return;
    c.that(answer.results.length === 2, `a batch of 2 answered ${answer.results.length} results`);
    const byKey = new Map(answer.results.map((r) => [r.idempotencyKey, r]));
    c.that(
      byKey.get(items[0]!.idempotencyKey)?.replayed === true,
      'a batch item with a used key was not a replay',
    );
    c.that(byKey.get(items[1]!.idempotencyKey)?.ok === true, 'a new batch item was not registered');
  },

  async 'venue binding'(ctx, c) {
    const other =
      ctx.other ?? c.skip('needs a second venue and its token (otherVenue, --other-venue/--other-token)');
    const day = `from=${ctx.day}&to=${ctx.day}`;
    const forbidden = (answer: Answer, what: string) => c.problem(answer, 403, 'forbidden', what);
    forbidden(
      await post(
        ctx,
        'v1/usages',
        usage(ctx, ctx.cards[0]!, { id: `conformance-${ctx.run}-other` }, 0, other.venueId),
        `conformance-${ctx.run}-other-1`,
      ),
      'a usage for another venue',
    );
    forbidden(
      await ctx.http.send('GET', `v1/venues/${encodeURIComponent(other.venueId)}/usages?${day}`),
      "another venue's usage list",
    );
    const batch = c.valid<{ results: { ok: boolean; problem?: { status: number; code: string } }[] }>(
      await post(ctx, 'v1/usages/batch', {
        items: [
          {
            idempotencyKey: `conformance-${ctx.run}-other-2`,
            usage: usage(ctx, ctx.cards[0]!, { id: `conformance-${ctx.run}-other` }, 0, other.venueId),
          },
        ],
      }),
      200,
      BatchResponseSchema,
      'a batch with an item for another venue',
    );
    const item = batch?.results[0];
    if (batch)
      c.that(
        item?.ok === false && item.problem?.status === 403 && item.problem.code === 'forbidden',
        `a batch item for another venue answered ${JSON.stringify(item?.problem?.code ?? item?.ok)}, expected 403 forbidden`,
      );
    // The other venue's own show: its tally is not ours to read (403, or our own show of that ID: show IDs are per
    // venue), and acting for it as its agent needs its consent (`forVenueId`: 403, never registered).
    const showId = `conformance-${ctx.run}-theirs`;
    const theirs = await ctx.http.send('POST', 'v1/usages', {
      body: usage(ctx, ctx.cards[1]!, { id: showId }, 0, other.venueId),
      headers: { 'idempotency-key': `conformance-${ctx.run}-theirs` },
      token: other.token,
    });
    if (!c.valid(theirs, 201, UsageResultSchema, "a usage with the other venue's own token")) return;
    const tally = await ctx.http.send('GET', `v1/shows/${encodeURIComponent(showId)}/tally`);
    if (tally.status !== 403) {
      const read = c.valid<{ usages: number }>(
        tally,
        200,
        ShowTallySchema,
        "another venue's show ID's tally",
      );
      if (read) c.that(read.usages === 0, `another venue's show tally was readable (${read.usages} usages)`);
    } else forbidden(tally, "another venue's show tally");
    const agent = await post(
      ctx,
      'v1/usages',
      { ...usage(ctx, ctx.cards[0]!, { id: showId }), channel: 'ticket-agent', forVenueId: other.venueId },
      `conformance-${ctx.run}-agent`,
    );
    c.problem(
      agent,
      403,
      undefined,
      "a usage for another venue's event without being its agent (forVenueId)",
    );
  },

  async 'idempotency scope'(ctx, c) {
    const other =
      ctx.other ?? c.skip('needs a second venue and its token (otherVenue, --other-venue/--other-token)');
    const key = `conformance-${ctx.run}-scope`;
    const ours = usage(ctx, ctx.cards[2]!, { id: `conformance-${ctx.run}-open` });
    const first = c.valid<{ usageId: string }>(
      await post(ctx, 'v1/usages', ours, key),
      201,
      UsageResultSchema,
      'a usage under a new key',
    );
    if (first) ctx.registered.push(first.usageId);
    const send = (body: unknown) =>
      ctx.http.send('POST', 'v1/usages', { body, headers: { 'idempotency-key': key }, token: other.token });
    const theirBody = usage(
      ctx,
      ctx.cards[2]!,
      { id: `conformance-${ctx.run}-theirs-open` },
      0,
      other.venueId,
    );
    const theirs = c.valid<{ usageId: string }>(
      await send(theirBody),
      201,
      UsageResultSchema,
      "the same key from another venue's token (must be a new key there, not 422 or a replay)",
    );
    if (first && theirs)
      c.that(theirs.usageId !== first.usageId, "another venue's token got our usage replayed");
    const again = c.valid<{ usageId: string }>(
      await send(theirBody),
      200,
      UsageResultSchema,
      "the other venue's replay",
    );
    if (theirs && again)
      c.that(again.usageId === theirs.usageId, "the other venue's replay is another usage");
    const ourAgain = c.valid<{ usageId: string }>(
      await post(ctx, 'v1/usages', ours, key),
      200,
      UsageResultSchema,
      'our replay after the other venue used the key',
    );
    if (first && ourAgain) c.that(ourAgain.usageId === first.usageId, 'our replay is another usage');
  },

  async 'usage list'(ctx, c) {
    const list = c.valid<{ items: { usageId: string }[] }>(
      await ctx.http.send(
        'GET',
        `v1/venues/${encodeURIComponent(ctx.venueId)}/usages?from=${ctx.day}&to=${ctx.day}&limit=1000`,
      ),
      200,
      UsageListSchema,
      'the usage list',
    );
    if (!list) return;
    const listed = new Set(list.items.map((i) => i.usageId));
    const missing = ctx.registered.filter((id) => !listed.has(id));
    c.that(missing.length === 0, `${missing.length} registered usages are missing from the list`);
  },
};

/**
 * Runs every check; never throws for the server's faults (they are failures in the report).
 *
 * @example
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:8787/', token: 'dev' });
 * report.ok; // true for a server that speaks the contract
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const http = createConformanceHttp({
    baseUrl: options.baseUrl,
    token: options.token,
    budget: options.budget ?? 120,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // A show two weeks ahead at 18:00 UTC: inside any reasonable booking window, never in the past.
  const start = new Date(Date.now() + 14 * 86_400_000);
  start.setUTCHours(16, 0, 0, 0);
  const cards = options.activeCards ?? ['A045198723', 'A999005458', 'A999005429', 'A999005461', 'AM12345678'];
  if (cards.length < 3) throw new RangeError('activeCards: at least 3 active cards are needed');
  const ctx: Ctx = {
    http,
    venueId: options.venueId ?? 'teatteri-hilla',
    cards,
    unregistered: options.unregisteredCard ?? 'A999000001',
    inactive: options.inactiveCard ?? 'A999005380',
    run: randomUUID().slice(0, 8),
    showStart: start.toISOString().replace('.000Z', 'Z'),
    day: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(start),
    registered: [],
    other: options.otherVenue,
    clientTime: new Date().toISOString(),
  };
  const checks: CheckResult[] = [];
  for (const [name, run] of Object.entries(CHECKS)) {
    const c = new Check();
    try {
      await run(ctx, c);
    } catch (error) {
      if (error instanceof SkipCheck) {
        checks.push({ name, ok: true, failures: [], skipped: error.message });
        continue;
      }
      c.that(false, `stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    checks.push({ name, ok: c.failures.length === 0, failures: c.failures });
  }
  return { ok: checks.every((c) => c.ok), checks, requests: http.used() };
}
