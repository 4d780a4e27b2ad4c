// A card admitted twice: a terminal's usage that waited in its outbox (`admitted`) is refused as already used, because
// another terminal registered the card for the show meanwhile. The server records it once, against the usage that
// stands; the tally names that usage (both terminals learn of it), the usage list carries it to the report, and
// nothing is counted twice. A send the clerk waited on (not admitted) is a plain refusal.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exportUsageReport } from '../../../core/src/reports/export-usage-report.js';
import type { Sandbox } from '../start-sandbox.js';
import { startSandbox } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

const VENUE = 'teatteri-hilla';
const TOKEN = 'token-of-hilla-conflicts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ memory: true, venueTokens: { [TOKEN]: VENUE }, uncheckedCards: true });
});
afterAll(() => sandbox.close());

const start = new Date(Date.now() + 2 * 86_400_000);
start.setUTCHours(16, 0, 0, 0);
const showStart = start.toISOString().replace('.000Z', 'Z');
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(start);

function usage(showId: string, cardId: string, terminal: string, clientTime: string) {
  return {
    venueId: VENUE,
    show: { id: showId, name: 'Kesäyön taika', start: showStart, kind: 'show' },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime,
    terminal,
  };
}

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(new URL(path, sandbox.url), {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as never };
}

type Item = { idempotencyKey: string; usage: ReturnType<typeof usage>; admitted?: boolean };
async function send(item: Item) {
  const answer = await call('POST', 'v1/usages/batch', { items: [item] });
  expect(answer.status).toBe(200);
  return (
    answer.json as { results: { ok: boolean; result?: { usageId: string }; problem?: { code: string } }[] }
  ).results[0]!;
}
const tally = async (showId: string) =>
  (await call('GET', `v1/shows/${showId}/tally`)).json as {
    ticketsGiven: number;
    usages: number;
    conflicts?: { usageId: string; idempotencyKey?: string; terminal?: string; clientTime: string }[];
  };
const listed = async () =>
  (
    (await call('GET', `v1/venues/${VENUE}/usages?from=${day}&to=${day}`)).json as {
      items: { usageId: string; cardId: string; conflicts?: { terminal?: string; clientTime: string }[] }[];
    }
  ).items;

describe('a card admitted at two terminals during a split', () => {
  it('is recorded once against the usage that stands, named in the tally and the list, counted once', async () => {
    const t = new Date(Date.now() - 10 * 60_000).toISOString();
    const held = await send({
      idempotencyKey: 'kassa2-key-0001',
      usage: usage('s1', 'A045198723', 'Kassa 2', t),
    });
    expect(held.ok).toBe(true);
    const doorItem = {
      idempotencyKey: 'door-key-00001',
      usage: usage('s1', 'A045198723', 'Ovi', t),
      admitted: true,
    };
    const door = await send(doorItem);
    expect(door).toMatchObject({ ok: false, problem: { code: 'already-used' } });
    // The door's resend (a lost answer) replays and records nothing more.
    expect(await send(doorItem)).toMatchObject({ ok: false, problem: { code: 'already-used' } });

    const after = await tally('s1');
    expect(after.usages).toBe(1);
    expect(after.conflicts).toEqual([
      {
        usageId: held.result!.usageId,
        idempotencyKey: 'kassa2-key-0001',
        terminal: 'Ovi',
        clientTime: t,
        recordedAt: expect.any(String),
      },
    ]);
    const rows = (await listed()).filter((u) => u.cardId === 'A045198723');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.conflicts).toEqual([{ terminal: 'Ovi', clientTime: t, recordedAt: expect.any(String) }]);
  });

  it('is not a conflict when the clerk saw the refusal (not admitted), unless its answer was lost', async () => {
    const t = new Date().toISOString();
    expect(
      (await send({ idempotencyKey: 'k2-key-000002', usage: usage('s2', 'A123456789', 'Kassa 2', t) })).ok,
    ).toBe(true);
    const live = { idempotencyKey: 'k1-live-00002', usage: usage('s2', 'A123456789', 'Kassa 1', t) };
    expect((await send(live)).ok).toBe(false);
    expect((await tally('s2')).conflicts).toBeUndefined();
    // The clerk's wait ended with no answer: the terminal handed the ticket out and resends it as admitted.
    expect((await send({ ...live, admitted: true })).ok).toBe(false);
    expect((await tally('s2')).conflicts).toMatchObject([{ terminal: 'Kassa 1' }]);
  });

  it('is only an already-used refusal: an admitted usage refused for another reason is no conflict', async () => {
    const t = new Date().toISOString();
    // Booked at Kassa 2 on a show with room for one; the door collects it with two children: refused as over the
    // cap (a collection of the card's own booking is no second usage), though the card's booking stands.
    const capped = (u: ReturnType<typeof usage>) => ({ ...u, show: { ...u.show, cap: 1 } });
    const booked = await send({
      idempotencyKey: 'k2-key-000003',
      usage: capped(usage('s3', 'A123456789', 'Kassa 2', t)),
    });
    expect(booked.ok).toBe(true);
    const collect = { ...capped(usage('s3', 'A123456789', 'Ovi', t)), mode: 'collection', childTickets: 2 };
    const answer = await send({ idempotencyKey: 'door-key-00003', usage: collect as never, admitted: true });
    expect(answer).toMatchObject({ ok: false, problem: { code: 'cap-reached' } });
    expect((await tally('s3')).conflicts).toBeUndefined();
  });

  it('goes with the usage that stands: undone, no conflict is left to show', async () => {
    const t = new Date().toISOString();
    const held = await send({
      idempotencyKey: 'k2-key-000004',
      usage: usage('s4', 'A045198724', 'Kassa 2', t),
    });
    await send({
      idempotencyKey: 'door-key-00004',
      usage: usage('s4', 'A045198724', 'Ovi', t),
      admitted: true,
    });
    expect((await tally('s4')).conflicts).toHaveLength(1);
    expect((await call('POST', `v1/usages/${held.result!.usageId}/void`, {})).status).toBe(200);
    expect((await tally('s4')).conflicts).toBeUndefined();
  });

  it('is marked in the report on the row that counts, in the locale, one row for the card', async () => {
    const client = {
      async *iterateUsages() {
        yield* (await listed()) as never[];
      },
    };
    for (const [locale, words] of [
      ['fi', /Ristiriita[\s\S]*Päästetty sisään myös: Ovi klo \d\d:\d\d, ei laskettu/],
      ['sv', /Konflikt[\s\S]*Insläppt även: Ovi kl\. \d\d:\d\d, inte räknad/],
      ['en', /Conflict[\s\S]*Also admitted: Ovi at \d\d:\d\d, not counted/],
    ] as const) {
      const report = await exportUsageReport({
        format: 'csv',
        client,
        venueId: VENUE,
        from: day,
        to: day,
        locale,
      });
      const text = new TextDecoder().decode(report.bytes);
      expect(text).toMatch(words);
      const cardRows = text.split('\r\n').filter((line) => line.startsWith('A045198723'));
      expect(cardRows).toHaveLength(1);
    }
  });
});
