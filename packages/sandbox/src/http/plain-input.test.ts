// Names and identifiers from outside are data, never look-up keys or hidden text: a JSON key named like a member
// every object inherits (`constructor`, `toString`, `hasOwnProperty`, `__proto__`) is an unknown field (400 naming
// it) on every route, never a 500; an identifier with a control or format character (NUL, U+202E) is refused
// naming its field, never stored as a new venue, show or key.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '@kaiku-scanner/core';
import { startSandbox } from '../start-sandbox.js';
import type { Sandbox } from '../start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../../core/src/index.js'));

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ memory: true, seed: true, testing: true, token: 'plain-token' });
});
afterAll(() => sandbox.close());

const PROTO_NAMES = ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'];

function usage(overrides: Record<string, unknown> = {}) {
  return {
    venueId: 'teatteri-hilla',
    show: { id: 'plain-show', name: 'Ilta', start: '2030-01-01T18:00:00+02:00', kind: 'show' },
    cardId: 'A045198723',
    childTickets: 0,
    channel: 'box-office',
    mode: 'booking',
    clientTime: '2026-11-21T08:00:00Z',
    ...overrides,
  };
}

async function send(method: string, path: string, body?: string, key = `plain-${Math.random()}`) {
  const res = await fetch(new URL(path, sandbox.url), {
    method,
    headers: {
      authorization: 'Bearer plain-token',
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    ...(body === undefined ? {} : { body }),
  });
  const json = (await res.json()) as { code?: string; issues?: { path: string; code: string }[] };
  return { status: res.status, json };
}

/** A JSON object text with `name` as one more own key (`JSON.stringify` would drop a `__proto__` key). */
const withKey = (value: object, name: string): string =>
  JSON.stringify(value).replace(
    /^\{(?=(.))/,
    (_, next: string) => `{${JSON.stringify(name)}:1${next === '}' ? '' : ','}`,
  );

describe('keys named like inherited members', () => {
  const routes: [string, string, object][] = [
    ['POST', 'v1/cards/lookup', { cardId: 'A045198723' }],
    ['POST', 'v1/usages', usage()],
    ['POST', 'v1/usages/batch', { items: [{ idempotencyKey: 'plain-batch-1', usage: usage() }] }],
    ['POST', '__sandbox/clock', { offsetMs: 0 }],
    ['POST', '__sandbox/delay', { ms: 0 }],
    ['POST', '__sandbox/reset', {}],
    ['POST', '__sandbox/shows', { venueId: 'teatteri-hilla', show: usage().show }],
  ];
  it.each(PROTO_NAMES)('%s is an unknown field on every route (400 naming it), never a 500', async (name) => {
    for (const [method, path, body] of routes) {
      const answer = await send(method, path, withKey(body, name));
      expect([path, answer.status, answer.json.code]).toEqual([path, 400, 'invalid-request']);
      expect(answer.json.issues).toContainEqual(
        expect.objectContaining({ path: name, code: 'unknown-field' }),
      );
    }
    // Nested, and as a query parameter.
    const nested = await send(
      'POST',
      'v1/usages',
      JSON.stringify(usage()).replace('"show":{', `"show":{"${name}":1,`),
    );
    expect(nested.json.issues).toContainEqual(
      expect.objectContaining({ path: `show.${name}`, code: 'unknown-field' }),
    );
    const query = await send(
      'GET',
      `v1/venues/teatteri-hilla/usages?from=2030-01-01&to=2030-01-02&${name}=1`,
    );
    expect([query.status, query.json.issues]).toEqual([400, [expect.objectContaining({ path: name })]]);
  });
});

describe('identifiers with control or format characters', () => {
  const BAD = ['\u0000', '\u202e', '\u200b', '\u0007', '\u2066', '\ufeff', '\u0085'];
  it.each(BAD.map((c) => [JSON.stringify(c), c]))(
    '%s in a venue, show or card ID or a key is refused naming the field',
    async (_shown, c) => {
      const cases: [Record<string, unknown>, string][] = [
        [{ venueId: `teatteri${c}hilla` }, 'venueId'],
        [{ venueId: `${c}` }, 'venueId'],
        [{ forVenueId: `teatteri-hilla${c}`, channel: 'ticket-agent' }, 'forVenueId'],
        [{ show: { ...usage().show, id: `plain${c}show` } }, 'show.id'],
        [{ cardId: `A0451${c}98723` }, 'cardId'],
      ];
      for (const [overrides, path] of cases) {
        const answer = await send('POST', 'v1/usages', JSON.stringify(usage(overrides)));
        expect([path, answer.status]).toEqual([path, 400]);
        expect(answer.json.issues).toContainEqual(expect.objectContaining({ path, code: 'bad-format' }));
      }
      const batch = await send(
        'POST',
        'v1/usages/batch',
        JSON.stringify({ items: [{ idempotencyKey: `plain-key${c}0001`, usage: usage() }] }),
      );
      expect(batch.json.issues).toContainEqual(
        expect.objectContaining({ path: 'items.0.idempotencyKey', code: 'bad-format' }),
      );
      const list = await send(
        'GET',
        `v1/venues/${encodeURIComponent(`teatteri-hilla${c}`)}/usages?from=2030-01-01&to=2030-01-02`,
      );
      expect([list.status, list.json.issues]).toEqual([400, [expect.objectContaining({ path: 'venueId' })]]);
      const tally = await send('GET', `v1/shows/${encodeURIComponent(`plain${c}show`)}/tally`);
      expect([tally.status, tally.json.issues]).toEqual([400, [expect.objectContaining({ path: 'showId' })]]);
      const shows = await send(
        'POST',
        '__sandbox/shows',
        JSON.stringify({ venueId: `hilla${c}`, show: usage().show }),
      );
      expect([shows.status, shows.json.issues]).toEqual([
        400,
        [expect.objectContaining({ path: 'venueId' })],
      ]);
    },
  );

  it('the client refuses to send one (the same schema), naming the field', async () => {
    const client = createApiClient({ baseUrl: sandbox.url, getToken: () => 'plain-token' });
    for (const [overrides, path] of [
      [{ venueId: 'teatteri-hilla\u202e' }, 'venueId'],
      [{ show: { ...usage().show, id: 'plain\u0000show' } }, 'show.id'],
    ] as const) {
      const error = await client
        .registerUsage(usage(overrides) as never, { idempotencyKey: `plain-client-${path}` })
        .catch((e: unknown) => e as { code: string; issues?: { path: string }[] });
      expect(error).toMatchObject({ code: 'invalid-request', issues: [expect.objectContaining({ path })] });
    }
  });

  it('nothing refused here was stored: the card has no usage for the show', async () => {
    const res = await fetch(
      new URL('__sandbox/usages/count?cardId=A045198723&showId=plain-show', sandbox.url),
      {
        headers: { authorization: 'Bearer plain-token' },
      },
    );
    expect(await res.json()).toEqual({ count: 0 });
  });
});
