/**
 * The sandbox's real responses validate against the published OpenAPI document (JSON Schema 2020-12
 * components, checked with Ajv), so what vendors read is what the server sends.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FormatsPlugin } from 'ajv-formats';
import { buildOpenApiDocument } from '@kaiku-scanner/core/contract';
import { startSandbox } from './start-sandbox.js';
import type { Sandbox } from './start-sandbox.js';

vi.mock('@kaiku-scanner/core', () => import('../../core/src/index.js'));

const addFormats = addFormatsModule as unknown as FormatsPlugin;
let sandbox: Sandbox;
let validate: (schema: string, value: unknown) => string[];

beforeAll(async () => {
  sandbox = await startSandbox({ memory: true, seed: true });
  const doc = buildOpenApiDocument() as { components: { schemas: Record<string, object> } };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'kaiku', components: doc.components });
  validate = (schema, value) => {
    const check = ajv.getSchema(`kaiku#/components/schemas/${schema}`)!;
    return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
});
afterAll(() => sandbox.close());

const auth = { authorization: 'Bearer conformance' };
const get = async (path: string) => {
  const r = await fetch(`${sandbox.url}${path}`, { headers: auth });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as unknown };
};
const post = async (path: string, body: unknown, key?: string) => {
  const r = await fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: JSON.stringify(body),
  });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: (await r.json()) as unknown };
};

const usage = (cardId: string, extra: object = {}) => ({
  venueId: 'teatteri-hilla',
  show: {
    id: 'conformance-show',
    name: 'Sopivuus',
    start: '2030-06-01T18:00:00+03:00',
    kind: 'show',
    cap: 4,
  },
  cardId,
  childTickets: 1,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2026-11-21T09:00:00Z',
  ...extra,
});

describe('sandbox responses conform to docs/openapi.json', () => {
  it('every example in the document validates against its own schema', () => {
    const doc = buildOpenApiDocument() as {
      components: { schemas: Record<string, { examples?: unknown[] }> };
    };
    const withExamples = Object.entries(doc.components.schemas).filter(([, s]) => s.examples?.length);
    expect(withExamples.map(([name]) => name)).toEqual(
      expect.arrayContaining(['CardRecord', 'UsageRequest', 'UsageResult', 'Problem']),
    );
    for (const [name, schema] of withExamples) {
      for (const example of schema.examples!) expect(validate(name, example), name).toEqual([]);
    }
  });

  it('the request examples themselves validate against UsageRequest and BatchRequest', () => {
    expect(validate('UsageRequest', usage('A045198723'))).toEqual([]);
    expect(validate('UsageRequest', { ...usage('A045198723'), childTickets: -1 })).not.toEqual([]);
    expect(
      validate('BatchRequest', { items: [{ idempotencyKey: 'conform-0', usage: usage('A045198723') }] }),
    ).toEqual([]);
  });

  it('health, card, tally, usage result, batch and list', async () => {
    expect(validate('Health', (await get('v1/health')).body)).toEqual([]);
    for (const id of ['A045198723', 'A999991234', 'A999005403', 'Y110029399', 'AM12345678']) {
      expect(validate('CardRecord', (await post('v1/cards/lookup', { cardId: id })).body), id).toEqual([]);
      expect(validate('CardRecord', (await get(`v1/cards/${id}`)).body), id).toEqual([]);
    }
    const created = await post('v1/usages', usage('A045198723'), 'conform-key-1');
    expect(created.status).toBe(201);
    expect(validate('UsageResult', created.body)).toEqual([]);
    const batch = await post('v1/usages/batch', {
      items: [
        { idempotencyKey: 'conform-key-1', usage: usage('A045198723') },
        { idempotencyKey: 'conform-key-2', usage: usage('A999000001') },
        { idempotencyKey: 'conform-key-3', usage: usage('A999005461', { childTickets: 3 }) },
      ],
    });
    expect(validate('BatchResponse', batch.body)).toEqual([]);
    expect(validate('ShowTally', (await get('v1/shows/conformance-show/tally')).body)).toEqual([]);
    expect(validate('ShowTally', (await get('v1/shows/never-seen/tally')).body)).toEqual([]);
    const list = await get('v1/venues/teatteri-hilla/usages?from=2030-06-01&to=2030-06-30&limit=1');
    expect(validate('UsageList', list.body)).toEqual([]);
  });

  it('every kind of problem is problem+json matching Problem', async () => {
    const problems = [
      await get('v1/cards/A999000001'),
      await get('v1/cards/not-an-id'),
      await post('v1/cards/lookup', { cardId: 'A999000001' }),
      await post('v1/cards/lookup', { cardId: 'not-an-id' }),
      await post('v1/cards/lookup', { cardId: 'A045198723', holder: 'x' }),
      await post('v1/usages', usage('A045198723')),
      await post('v1/usages', usage('A045198723', { childTickets: 2 }), 'conform-key-1'),
      await post('v1/usages', usage('A999005380'), 'conform-key-4'),
      await post('v1/usages', { nonsense: true }, 'conform-key-5'),
      await get('v1/venues/teatteri-hilla/usages?from=yesterday&to=today'),
      await get('v1/nothing-here'),
      await (async () => {
        const r = await fetch(`${sandbox.url}v1/cards/A045198723`); // no token
        return {
          status: r.status,
          type: r.headers.get('content-type') ?? '',
          body: (await r.json()) as unknown,
        };
      })(),
    ];
    expect(problems.map((p) => p.status)).toEqual([
      404, 400, 404, 400, 400, 400, 422, 422, 400, 400, 404, 401,
    ]);
    for (const p of problems) {
      expect(p.type).toMatch(/^application\/problem\+json/);
      expect(validate('Problem', p.body)).toEqual([]);
    }
  });
});
