/**
 * The API client in real Chromium against the real sandbox on another origin: CORS preflights with
 * the bearer token and Idempotency-Key, exposed response headers, AbortSignal, network errors.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { startSandbox } from '../../../../test/support/browser-sandbox.js';
import { createApiClient } from './create-api-client.js';
import type { ApiClient } from './create-api-client.js';
import type { ApiProblemError } from './api-errors.js';
import { KaikuApiError } from './api-errors.js';
import type { UsageRequest } from '../schemas/api.js';

let url = '';
let api: ApiClient;

const usage = (cardId: string, showId = 'browser-show'): UsageRequest => ({
  venueId: 'teatteri-hilla',
  show: { id: showId, name: 'Selainnäytös', start: '2030-07-01T18:00:00+03:00', kind: 'show', cap: 3 },
  cardId,
  childTickets: 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2026-11-21T09:00:00Z',
});

async function rejection(promise: Promise<unknown>): Promise<KaikuApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(KaikuApiError);
    return error as KaikuApiError;
  }
  throw new Error('expected a rejection');
}

describe('createApiClient in Chromium against the sandbox (cross-origin)', function () {
  this.timeout(60_000);

  before(async () => {
    ({ url } = await startSandbox());
    api = createApiClient({ baseUrl: url, getToken: () => 'browser-token', retry: { baseDelayMs: 10 } });
  });
  after(async () => {
    await executeServerCommand('kaiku-sandbox-stop', { url });
  });

  it('runs on another origin than the page', () => {
    expect(new URL(url).origin).to.not.equal(location.origin);
  });

  it('puts no card ID in any URL: the resource timing entries every page script can read hold none', async () => {
    performance.clearResourceTimings();
    await api.lookupCard('A045198723');
    await rejection(api.lookupCard('A999000001'));
    const names = performance.getEntriesByType('resource').map((entry) => entry.name);
    expect(names.some((name) => name.startsWith(url))).to.equal(true);
    for (const id of ['A045198723', 'A999000001', 'A0451', encodeURIComponent('A045198723')]) {
      expect(names.filter((name) => name.includes(id))).to.deep.equal([]);
    }
  });

  it('looks up a card (POST with Authorization → preflight) and reports 404 as card-not-registered', async () => {
    const card = await api.lookupCard('A045198723');
    expect(card).to.include({ id: 'A045198723', status: 'active', minors: 2 });
    const error = await rejection(api.lookupCard('A999000001'));
    expect((error as ApiProblemError).problemCode).to.equal('card-not-registered');
  });

  it('registers with an Idempotency-Key and reads the exposed Idempotent-Replayed header', async () => {
    const first = await api.registerUsage(usage('A999005458'), { idempotencyKey: 'browser-key-1' });
    expect(first.replayed).to.equal(false);
    const again = await api.registerUsage(usage('A999005458'), { idempotencyKey: 'browser-key-1' });
    expect(again.replayed).to.equal(true);
    expect(again.usageId).to.equal(first.usageId);
  });

  it('can read Retry-After on a 409 and the client waits it out into the first result', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer b', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    await post('__sandbox/delay', { ms: 1500 });
    const headers = {
      authorization: 'Bearer b',
      'content-type': 'application/json',
      'idempotency-key': 'browser-key-2',
    };
    const body = JSON.stringify(usage('A999005429'));
    const first = api.registerUsage(usage('A999005429'), { idempotencyKey: 'browser-key-2' });
    for (let i = 0; i < 200; i++) {
      const { state } = (await (
        await fetch(`${url}__sandbox/keys?key=browser-key-2`, { headers: { authorization: 'Bearer b' } })
      ).json()) as {
        state: string;
      };
      if (state === 'pending') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const raw = await fetch(`${url}v1/usages`, { method: 'POST', headers, body });
    expect(raw.status).to.equal(409);
    expect(raw.headers.get('retry-after')).to.equal('1');
    const second = api.registerUsage(usage('A999005429'), { idempotencyKey: 'browser-key-2' });
    const [a, b] = await Promise.all([first, second]);
    expect(b.usageId).to.equal(a.usageId);
    await post('__sandbox/delay', { ms: 0 });
  });

  it('enforces the cap from the browser too', async () => {
    for (const [i, card] of ['X000011986', 'X000011656'].entries()) {
      await api.registerUsage(usage(card, 'browser-cap'), { idempotencyKey: `browser-cap-${i}-key` });
    }
    await api.registerUsage(usage('AM12345678', 'browser-cap'), { idempotencyKey: 'browser-cap-2-key' });
    const error = await rejection(
      api.registerUsage(usage('A999005461', 'browser-cap'), { idempotencyKey: 'browser-cap-3-key' }),
    );
    expect((error as ApiProblemError).problemCode).to.equal('cap-reached');
    expect((await api.getShowTally('browser-cap')).remaining).to.equal(0);
  });

  it('aborts on the caller’s signal', async () => {
    const controller = new AbortController();
    const pending = api.lookupCard('A045198723', { signal: controller.signal });
    controller.abort();
    expect((await rejection(pending)).code).to.equal('aborted');
  });

  it('a closed port is a network error', async () => {
    const dead = createApiClient({ baseUrl: 'http://127.0.0.1:9/', getToken: () => 't' });
    expect((await rejection(dead.lookupCard('A045198723'))).code).to.equal('network');
  });
});
