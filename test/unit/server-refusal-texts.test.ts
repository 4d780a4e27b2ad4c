// Refusals as the real sandbox sends them, through the real chain a terminal uses: the core's API client, the
// outbox's transport (which keeps each refusal's reasons on the record) and `readServerReason`, which renders them.
// Every code the server refuses with, in every language, must read as a whole sentence: no "undefined", "NaN",
// "{…}" or "[object …]" where a value belongs, and never the "cannot show why" fallback for a code we know.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES, createApiClient, readProblemReasons } from '@kaiku-scanner/core';
import type { ItemOutcome, RefusalReason } from '@kaiku-scanner/core/outbox';
import { type UsageRequest } from '@kaiku-scanner/core/contract';
// Internals of the chain, by path: the outbox's transport, the one-reason renderer and the rules' table.
import { outboxTransport } from '../../packages/core/src/outbox/api-transport.js';
import { readServerReason } from '../../packages/core/src/messages/server-reason.js';
import { rulesMessages } from '../../packages/core/src/messages/rules.js';
import { startSandbox, seedShows, type Sandbox } from '@kaiku-scanner/sandbox';
import { classifyFailure } from '../../packages/core/src/outbox/api-transport.js';

let sandbox: Sandbox;
let keyNo = 0;
const key = (): string => `refusal-texts-${Date.now()}-${++keyNo}`;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, memory: true, seed: true, testing: true });
});
afterAll(async () => {
  await sandbox?.close();
});

const api = (): ReturnType<typeof createApiClient> =>
  createApiClient({ baseUrl: sandbox.url, getToken: () => 'test-token', retry: 0 });

async function testing(path: string, body: unknown): Promise<void> {
  const res = await fetch(new URL(`__sandbox/${path}`, sandbox.url), {
    method: 'POST',
    headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
}

const SHOWS = Object.fromEntries(
  seedShows(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Helsinki' }).format(new Date())).map((s) => [
    s.id,
    s,
  ]),
);

function usage(cardId: string, showId: string, extra: Partial<UsageRequest> = {}): UsageRequest {
  const s = SHOWS[showId]!;
  return {
    venueId: 'teatteri-hilla',
    show: { id: s.id, name: s.name, start: s.start, kind: s.kind },
    cardId,
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: new Date().toISOString(),
    ...extra,
  };
}
const group = (memberCardIds: string[], under16Clients = 0): Pick<UsageRequest, 'group'> => ({
  group: { memberCardIds, under16Clients },
});

/** Sends usages as one batch through the outbox's transport, as a terminal syncs its queue. */
async function sendBatch(usages: readonly UsageRequest[]): Promise<ItemOutcome[]> {
  const entries = usages.map((u) => ({ idempotencyKey: key(), usage: u }));
  return [...(await outboxTransport(api()).sendBatch(entries, new AbortController().signal))];
}

type Refusal = { readonly code: string; readonly reasons?: readonly RefusalReason[] };
const refusals: Refusal[] = [];

function keepRefusals(outcomes: readonly ItemOutcome[]): void {
  for (const o of outcomes) if (o.kind === 'refused') refusals.push(o);
}

/** Texts that show a value went missing on the way. */
const HOLE = /undefined|NaN|null|\{|\}|\[object|\$\{/;

describe('server refusals rendered in fi, sv and en', () => {
  it('collects every refusal the sandbox gives a terminal, queued or live', async () => {
    const t = 'hilla-taikuri-matti';
    keepRefusals(
      await sendBatch([
        usage('A999005380', t),
        usage('A999991234', t),
        usage('A999005403', t),
        usage('A999005416', t),
        usage('A999005458', t, { childTickets: 2 }),
        usage('A045198723', 'hilla-keramiikka', { childTickets: 1 }),
        usage('Y110029399', 'hilla-keramiikka', group(['A999005458'])),
        usage('Y110029399', t, { childTickets: 1, ...group(['A999005458']) }),
        usage('Y110029399', t),
        usage('A045198723', t, group(['A999005458'])),
        usage('Y110029399', t, group(['A999000001', 'A999005380', 'A999991234', 'A999005403', 'A999005416'])),
        usage('Y110029399', t, group(['YM11002940'])),
        usage('Y110029399', t, group(['A999005458', 'A999005458'])),
        usage('A045198723', 'hilla-pieni-nayttamo', { childTickets: 2 }),
        usage('A999005458', 'hilla-ensi-ilta'),
        usage('A999000001', t),
      ]),
    );
    // The cap: one ticket fits, the next card finds it full.
    keepRefusals(await sendBatch([usage('A999005458', 'hilla-kamari'), usage('X000011986', 'hilla-kamari')]));
    // Collection windows, with the server's clock two hours before tonight's show, then an hour after it started.
    const tonight = Date.parse(SHOWS['hilla-tanaan']!.start);
    await testing('clock', { offsetMs: tonight - 2 * 3_600_000 - Date.now() });
    keepRefusals(await sendBatch([usage('A999005458', 'hilla-tanaan', { mode: 'collection' })]));
    await testing('clock', { offsetMs: tonight + 3_600_000 - Date.now() });
    keepRefusals(
      await sendBatch([
        usage('A999005429', 'hilla-tanaan', { mode: 'collection' }),
        usage('A999005429', 'hilla-tanaan'),
      ]),
    );
    await testing('clock', { offsetMs: 0 });
    // Windows that have closed, and a venue on a model version this server does not know.
    const later = {
      name: 'Iltanäytös',
      kind: 'show',
      start: new Date(Date.now() + 86_400_000).toISOString(),
    };
    await testing('shows', {
      venueId: 'teatteri-hilla',
      show: {
        ...later,
        id: 'closed-windows',
        bookingWindow: { closesBeforeStart: { days: 2 } },
        collectionWindow: { closesBeforeStart: { days: 2 } },
      },
    });
    await testing('shows', {
      venueId: 'teatteri-hilla',
      show: { ...later, id: 'old-model', policyVersion: 'v1999' },
    });
    const at = (id: string, extra: Partial<UsageRequest> = {}): UsageRequest => ({
      ...usage('A999005458', 'hilla-taikuri-matti', extra),
      show: { id, name: later.name, kind: 'show', start: later.start },
    });
    keepRefusals(
      await sendBatch([at('closed-windows'), at('closed-windows', { mode: 'collection' }), at('old-model')]),
    );
    // A live registration refused: the client throws the problem, the outbox keeps its reasons the same way.
    const live = await api()
      .registerUsage(usage('A999005416', t), { idempotencyKey: key() })
      .catch((e: unknown) => e);
    const failure = classifyFailure(live);
    expect(failure.kind).toBe('refused');
    if (failure.kind === 'refused') refusals.push(failure);
    // The same key with another body.
    const k = key();
    const registered = await api().registerUsage(usage('A999005458', t), { idempotencyKey: k });
    // Undo after its window (15 minutes by the server's clock): the void's own refusal, through the same client.
    await testing('clock', { offsetMs: 20 * 60_000 });
    const late = await api()
      .voidUsage(registered.usageId)
      .catch((e: unknown) => e);
    await testing('clock', { offsetMs: 0 });
    const f1 = classifyFailure(late);
    if (f1.kind === 'refused') refusals.push(f1);
    const reused = await api()
      .registerUsage(usage('A999005429', t), { idempotencyKey: k })
      .catch((e: unknown) => e);
    const f2 = classifyFailure(reused);
    if (f2.kind === 'refused') refusals.push(f2);

    const codes = new Set(refusals.flatMap((r) => (r.reasons ?? [{ code: r.code }]).map((x) => x.code)));
    // Every rules code a usage can be refused with, except those the server cannot produce from a valid request:
    // `invalid-input` and `unknown-field` (the contract refuses such a request with a 400 problem before any rule
    // runs, and a terminal never sends one), `card-id-invalid` (the registry only holds valid IDs) and
    // `cap-below-minimum` (a cap setting, not a usage).
    // void-clock-behind: a device's clock behind its own usage's time, a terminal's check (the server's clock dated it).
    const notFromServer = [
      'invalid-input',
      'unknown-field',
      'card-id-invalid',
      'cap-below-minimum',
      'void-clock-behind',
    ];
    const expected = Object.keys(rulesMessages).filter((c) => !notFromServer.includes(c));
    expect([...codes].sort()).toEqual([...expected, 'card-not-registered', 'idempotency-key-reused'].sort());
    const causes = refusals
      .flatMap((r) => r.reasons ?? [])
      .filter((r) => r.code === 'group-member-invalid')
      .map((r) => (r.params as { cause?: unknown }).cause);
    expect(causes).toEqual([
      'card-not-registered',
      'card-inactive',
      'card-use-banned',
      'card-in-transfer',
      'card-expired',
    ]);
  });

  it('renders each of them in every language with its values and no hole', () => {
    expect(refusals.length).toBeGreaterThan(15);
    for (const refusal of refusals) {
      for (const reason of readProblemReasons(refusal)) {
        for (const locale of LOCALES) {
          const text = reason.message[locale];
          expect(text, `${reason.code} ${locale}`).not.toMatch(HOLE);
          expect(text, `${reason.code} ${locale}`).not.toMatch(/reason code|syykoodi|orsakskod/);
          expect(text.length, `${reason.code} ${locale}`).toBeGreaterThan(15);
        }
      }
    }
    const text = (code: string, locale: (typeof LOCALES)[number]): string[] =>
      refusals
        .flatMap((r) => readProblemReasons(r))
        .filter((r) => r.code === code)
        .map((r) => r.message[locale]);
    // The values the server sent are in the sentence.
    expect(text('card-expired', 'fi')[0]).toMatch(
      /^Kortti oli voimassa \d{1,2}\.\d{1,2}\.\d{4} asti \(tänään /,
    );
    expect(text('cap-reached', 'fi')[0]).toBe('Kaikukortin lippujen yläraja (1) on täynnä.');
    // The group message says why the member's card cannot be used.
    expect(text('group-member-invalid', 'fi')).toEqual([
      'Ryhmän 1. jäsenen korttia ei ole rekisteröity Kaikukantaan.',
      'Ryhmän 2. jäsenen kortti ei ole aktiivinen.',
      'Ryhmän 3. jäsenen kortilla on käyttökielto.',
      'Ryhmän 4. jäsenen kortti on siirrossa, eikä sitä voi nyt käyttää.',
      'Ryhmän 5. jäsenen kortti ei ole enää voimassa.',
    ]);
    expect(text('group-member-invalid', 'sv')[4]).toBe('Kortet för gruppmedlem nr 5 är inte längre giltigt.');
    expect(text('group-member-invalid', 'en')[4]).toBe("Group member 5's card has expired.");
  });

  it('a reason with a missing or malformed value, or a code this version does not know, says so instead', () => {
    for (const wire of [
      { code: 'card-expired', params: { validUntil: '9.1.2026' } },
      { code: 'cap-reached', params: { cap: 'six', given: 6, requested: 1, remaining: 0 } },
      { code: 'cap-reached', params: { cap: Number.NaN, given: 6, requested: 1, remaining: 0 } },
      { code: 'group-member-invalid', params: { position: 1, cause: 'card-lost' } },
      { code: 'too-many-children' },
      { code: 'some-future-rule', params: {} },
    ]) {
      const r = readServerReason(wire);
      expect(r.code).toBe(wire.code);
      for (const locale of LOCALES) {
        expect(r.message[locale]).not.toMatch(/undefined|NaN|six/);
        expect(r.message[locale]).toContain(wire.code);
      }
      expect(r.message.fi).toMatch(/^Kaikukanta hylkäsi käytön \(syykoodi /);
    }
  });

  it('a message cannot be rendered without its parameters (compile-time check)', () => {
    // @ts-expect-error `today` is missing
    expect(() => rulesMessages['card-expired'].fi({ validUntil: '9.1.2026' })).not.toThrow();
    // @ts-expect-error `cause` must be a known cause
    expect(() => rulesMessages['group-member-invalid'].en({ position: 1, cause: 'lost' })).not.toThrow();
  });
});
