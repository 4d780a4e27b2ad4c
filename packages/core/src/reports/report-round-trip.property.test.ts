/**
 * Issue 11.4, as a property against the real sandbox (its own process, HTTP + SQLite): any set of valid usages —
 * client cards of every prefix with and without children, community cards of every prefix with under-16 clients,
 * bookings and collections — registered, exported with `exportUsageReport` (CSV and XLSX) and imported into
 * another Kaikukanta gives the same usages, counted the same; importing the report again adds nothing.
 *
 * The outbox's own report (`toUsageReportCsv`, the manual fallback) round-trips the same way for its pending
 * usages, accepted online or provisionally, under the records' own keys (the outbox's later sync is a replay); its
 * needs-attention usages are refused (`row-needs-attention`).
 *
 * Every run uses a year of its own, so the target sandboxes hold nothing of that period before the import (as fresh
 * ones would) without starting two processes per run.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../api/create-api-client.js';
import type { ApiClient } from '../api/create-api-client.js';
import type { UsageRecord, UsageRequest } from '../schemas/api.js';
import { toUsageReportCsv } from '../outbox/csv-export.js';
import type { OutboxRecord } from '../outbox/types.js';
import { exportUsageReport } from './export-usage-report.js';
import { importSalesReport } from './import-sales-report.js';
import { startSandboxCli, type SandboxCli } from '../../../../test/support/sandbox-process.js';

const VENUE = 'teatteri-hilla';
/** Seeded active cards: every prefix, with their registered minors (client cards). */
const CLIENT_CARDS = [
  ['A045198723', 2],
  ['A999005458', 0],
  ['A999005461', 3],
  ['AM12345678', 1],
  ['X000011986', 0],
  ['X000011656', 2],
] as const;
const COMMUNITY_CARDS = ['Y110029399', 'YM11002940', 'Z000010669'] as const;
const SHOWS = ['Taikuri Matti', 'Kesäyöntaika', 'Pieni näyttämö: "Ö" & co', 'Konsertti; ilta'] as const;

type Spec = {
  readonly card: number;
  readonly community: boolean;
  readonly children: number;
  /** Group members aged 16+ with their own (client) cards, on a community card's visit. */
  readonly members: number;
  readonly mode: 'booking' | 'collection';
  readonly show: number;
  readonly day: number;
  readonly hour: number;
};

/** A usage's arbitraries, field by field (the outbox's records add their state to them). */
const specFields = {
  card: fc.nat(20),
  community: fc.boolean(),
  children: fc.nat(4),
  members: fc.nat(2),
  mode: fc.constantFrom('booking' as const, 'collection' as const),
  show: fc.nat(SHOWS.length - 1),
  day: fc.integer({ min: 1, max: 27 }),
  hour: fc.integer({ min: 10, max: 20 }),
};
const spec: fc.Arbitrary<Spec> = fc.record(specFields);

let source: SandboxCli;
let csvTarget: SandboxCli;
let xlsxTarget: SandboxCli;
const api = (s: SandboxCli): ApiClient => createApiClient({ baseUrl: s.url, getToken: () => 'test-token' });

beforeAll(async () => {
  [source, csvTarget, xlsxTarget] = await Promise.all([
    startSandboxCli(['--memory', '--testing']),
    startSandboxCli(['--memory', '--testing']),
    startSandboxCli(['--memory', '--testing']),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([source?.close(), csvTarget?.close(), xlsxTarget?.close()]);
});

function usageOf(s: Spec, year: number): UsageRequest {
  const month = String((s.show % 12) + 1).padStart(2, '0');
  const start = `${year}-${month}-${String(s.day).padStart(2, '0')}T${String(s.hour).padStart(2, '0')}:30:00+02:00`;
  const show = {
    id: `p-${year}-${s.show}-${s.day}-${s.hour}`,
    name: SHOWS[s.show]!,
    start,
    kind: 'show' as const,
  };
  const base = { venueId: VENUE, show, channel: 'box-office' as const, mode: s.mode, clientTime: start };
  if (s.community) {
    const cardId = COMMUNITY_CARDS[s.card % COMMUNITY_CARDS.length]!;
    // Members: distinct client cards; a visit with members may bring no under-16 clients at all.
    const memberCardIds = Array.from(
      { length: s.members },
      (_, i) => CLIENT_CARDS[(s.card + i) % CLIENT_CARDS.length]![0],
    );
    const under16Clients = memberCardIds.length > 0 ? s.children : 1 + s.children;
    return { ...base, cardId, childTickets: 0, group: { memberCardIds, under16Clients } };
  }
  const [cardId, minors] = CLIENT_CARDS[s.card % CLIENT_CARDS.length]!;
  return { ...base, cardId, childTickets: Math.min(minors, s.children) };
}

/** What a usage is, whatever the API it is registered with: card, mode, tickets, show name and start. */
function essence(u: UsageRecord): string {
  return JSON.stringify([
    u.cardId,
    u.mode,
    u.tickets.adult,
    u.tickets.children,
    u.tickets.under16Clients,
    u.tickets.total,
    u.group?.memberCardIds ?? [],
    u.show.name,
    Date.parse(u.show.start),
  ]);
}

/** The usages, or with `purchases` the report's purchases: a collection its card's booking covers is that booking's. */
async function usagesIn(client: ApiClient, year: number, purchases = false): Promise<string[]> {
  const out: string[] = [];
  const booked = new Map<string, number>();
  for await (const u of client.iterateUsages({
    venueId: VENUE,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  })) {
    const key = `${u.show.id} ${u.cardId}`;
    if (u.mode === 'booking') booked.set(key, (booked.get(key) ?? 0) + u.tickets.total);
    else if (purchases && u.tickets.total <= (booked.get(key) ?? 0)) continue;
    out.push(essence(u));
  }
  return out.sort();
}

let run = 0;

describe('the usage report round-trips through import (property, real sandboxes)', () => {
  it('any valid usages: export as CSV and XLSX, import elsewhere: the same usages; again: nothing new', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 8 }), async (specs) => {
        const year = 2001 + run++;
        const from = api(source);
        for (const [i, s] of specs.entries())
          await from.registerUsage(usageOf(s, year), { idempotencyKey: `rt-${year}-${i}` });
        expect(await usagesIn(from, year)).toHaveLength(specs.length);
        // One purchase per booking and its collection (usageToReportRows): what the report carries elsewhere.
        const expected = await usagesIn(from, year, true);
        const period = { venueId: VENUE, from: `${year}-01-01`, to: `${year}-12-31` };
        for (const [format, target] of [
          ['csv', csvTarget],
          ['xlsx', xlsxTarget],
        ] as const) {
          const report = await exportUsageReport({ client: from, ...period, format });
          const to = api(target);
          const first = await importSalesReport(report.bytes, { venueId: VENUE, client: to, newShows: true });
          expect({ format, invalid: first.invalid, refused: first.refused }).toEqual({
            format,
            invalid: [],
            refused: [],
          });
          expect({ format, usages: await usagesIn(to, year) }).toEqual({ format, usages: expected });
          const again = await importSalesReport(report.bytes, { venueId: VENUE, client: to, newShows: true });
          expect({ format, registered: again.counts.registered }).toEqual({ format, registered: 0 });
          expect(await usagesIn(to, year)).toHaveLength(expected.length);
        }
      }),
      { numRuns: 6, seed: 1105, endOnFailure: true },
    );
  }, 240_000);
});

type OutboxSpec = Spec & {
  readonly state: 'pending' | 'needs-attention';
  readonly acceptance: 'online' | 'provisional';
};

const outboxSpec: fc.Arbitrary<OutboxSpec> = fc.record({
  ...specFields,
  state: fc.constantFrom('pending' as const, 'needs-attention' as const),
  acceptance: fc.constantFrom('online' as const, 'provisional' as const),
});

let outboxRun = 0;

describe("the outbox's usage report round-trips through import (property, real sandboxes)", () => {
  it('pending usages (online or provisional) come back the same; needs-attention rows are refused', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(outboxSpec, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('fi' as const, 'sv' as const, 'en' as const),
        async (specs, locale) => {
          const year = 2050 + outboxRun++;
          // Records as an outbox bound to the import's Kaikukanta writes them: UUID keys and that target.
          const records: OutboxRecord[] = specs.map((s) => ({
            id: randomUUID(),
            usage: usageOf(s, year),
            target: { api: new URL(csvTarget.url).href, venueId: VENUE },
            state: s.state,
            acceptance: s.acceptance,
            createdAt: 0,
            attempts: s.state === 'pending' ? 0 : 1,
            ...(s.state === 'needs-attention' ? { problem: { code: 'card-inactive', status: 422 } } : {}),
          }));
          const rowsOf = (r: OutboxRecord) => 1 + (r.usage.group?.memberCardIds.length ?? 0);
          const pending = records.filter((r) => r.state === 'pending');
          // What the server makes of the pending usages when the outbox syncs them: the expected usages.
          const reference = api(source);
          for (const r of pending) await reference.registerUsage(r.usage, { idempotencyKey: r.id });
          const expected = await usagesIn(reference, year);
          expect(expected).toHaveLength(pending.length);

          const csv = toUsageReportCsv(records, { locale });
          const to = api(csvTarget);
          const first = await importSalesReport(csv, { venueId: VENUE, client: to, newShows: true });
          expect(first.refused).toEqual([]);
          const attention = records.filter((r) => r.state === 'needs-attention');
          expect(first.invalid.flatMap((r) => r.errors.map((e) => e.code))).toEqual(
            attention.flatMap((r) => Array<string>(rowsOf(r)).fill('row-needs-attention')),
          );
          const provisionalRows = pending
            .filter((r) => r.acceptance === 'provisional')
            .reduce((n, r) => n + rowsOf(r), 0);
          expect(first.counts.provisional).toBe(provisionalRows);
          expect(await usagesIn(to, year)).toEqual(expected);
          const again = await importSalesReport(csv, { venueId: VENUE, client: to, newShows: true });
          expect(again.counts.registered).toBe(0);
          expect(await usagesIn(to, year)).toHaveLength(expected.length);
          // The terminal then syncs its outbox: the same keys and bodies, so every one is a replay.
          for (const r of pending)
            expect((await to.registerUsage(r.usage, { idempotencyKey: r.id })).replayed).toBe(true);
          expect(await usagesIn(to, year)).toEqual(expected);
        },
      ),
      { numRuns: 12, seed: 1106, endOnFailure: true },
    );
  }, 240_000);
});
