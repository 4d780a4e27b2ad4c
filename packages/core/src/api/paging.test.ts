/** Paging through a venue's usages: repeated cursors and the list bounds (pages, bytes, time). */
import { describe, expect, it } from 'vitest';
import { delay, HttpResponse } from 'msw';
import { REGISTERED, answerOn, caught, testClient, useMswServer } from './testing/msw-helpers.js';
import { BASE, usageFor } from './testing/fixtures.js';
import { apiMessages } from '../messages/api.js';

const answer = answerOn(useMswServer());
const client = testClient;

describe('paging', () => {
  it('a server repeating a cursor cannot make iterateUsages loop forever', async () => {
    const calls = answer('get', `${BASE}v1/venues/v1/usages`, () =>
      HttpResponse.json({ items: [], nextCursor: 'again' }),
    );
    const api = client({ listLimits: { maxPages: 5 } });
    const consume = async () => {
      for await (const _ of api.iterateUsages({ venueId: 'v1', from: '2026-01-01', to: '2026-01-31' })) {
        // nothing
      }
    };
    const error = await caught(consume());
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'pages', max: 5 } });
    expect(calls.count).toBe(5);
  });
});

describe('list bounds (a pagination that never ends)', () => {
  const LIST_URL = `${BASE}v1/venues/v1/usages`;
  const walk = async (api: ReturnType<typeof client>) => {
    let items = 0;
    for await (const _ of api.iterateUsages({ venueId: 'v1', from: '2026-01-01', to: '2026-01-31' })) items++;
    return items;
  };
  const endless = (perPage = 0) => {
    let n = 0;
    const { usageId, registeredAt, tickets } = REGISTERED;
    const item = { ...usageFor('A045198723'), usageId, registeredAt, tickets };
    const items = Array.from({ length: perPage }, () => item);
    return answer('get', LIST_URL, () => HttpResponse.json({ items, nextCursor: `c${++n}` }));
  };

  it('stops at the page bound with list-too-long (default 1 000 pages)', async () => {
    const calls = endless();
    const error = await caught(walk(client({ listLimits: { maxPages: 25 } })));
    expect(error).toMatchObject({
      code: 'list-too-long',
      retryable: false,
      params: { limit: 'pages', max: 25 },
    });
    expect(calls.count).toBe(25);
    const defaults = endless();
    expect(await caught(walk(client()))).toMatchObject({ params: { limit: 'pages', max: 1000 } });
    expect(defaults.count).toBe(1000);
  });

  it('stops at the byte bound over all pages, the last page cut while it streams', async () => {
    const calls = endless(5);
    const error = await caught(walk(client({ listLimits: { maxBytes: 20_000 } })));
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'bytes', max: 20_000 } });
    expect(calls.count).toBeLessThan(12);
  });

  it('stops at the time bound, checked before each page', async () => {
    let n = 0;
    answer('get', LIST_URL, async () => {
      await delay(30);
      return HttpResponse.json({ items: [], nextCursor: `c${++n}` });
    });
    const error = await caught(walk(client({ listLimits: { maxMs: 100 } })));
    expect(error).toMatchObject({ code: 'list-too-long', params: { limit: 'time', max: 100 } });
    expect(n).toBeLessThan(6);
    for (const locale of ['fi', 'sv', 'en'] as const)
      expect(apiMessages['list-too-long'][locale](error.params as never)).toMatch(/100/);
  });
});
