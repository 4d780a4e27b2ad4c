/**
 * What the default transport (ky, with retries and timeouts left to the client) hands to `fetch`: one request per
 * attempt, without cookies, past every cache, redirects refused; the card ID only in the body, the token only in
 * the authorization header; the query only when there is one.
 */
import { describe, expect, it } from 'vitest';
import { createApiClient } from './create-api-client.js';
import { ApiNetworkError } from './api-errors.js';
import { activeCard } from './testing/fixtures.js';

type Seen = { readonly request: Request; readonly body: string };

function recordingFetch(respond: (request: Request) => Response): { fetch: typeof fetch; seen: Seen[] } {
  const seen: Seen[] = [];
  const fetchSpy = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // Whatever form the transport calls fetch in (a Request, or a URL and options), read it as fetch would.
    const request = new Request(input, init);
    seen.push({ request, body: await request.clone().text() });
    return respond(request);
  };
  return { fetch: fetchSpy as typeof fetch, seen };
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the default HTTP transport', () => {
  it('sends one cookie-less, uncached request; the card ID in the body, the token in the header only', async () => {
    const { fetch, seen } = recordingFetch(() => json(activeCard));
    const api = createApiClient({ baseUrl: 'http://localhost:8787/api', getToken: () => 'tok-123', fetch });
    await api.lookupCard(activeCard.id);
    expect(seen).toHaveLength(1);
    const [{ request, body }] = seen as [Seen];
    expect(request.method).toBe('POST');
    expect(request.url).toBe('http://localhost:8787/api/v1/cards/lookup');
    expect(request.credentials).toBe('omit');
    expect(request.cache).toBe('no-store');
    expect(request.redirect).toBe('error');
    expect(JSON.parse(body)).toEqual({ cardId: activeCard.id });
    expect(request.headers.get('authorization')).toBe('Bearer tok-123');
    const elsewhere = [
      request.url,
      ...[...request.headers].filter(([name]) => name !== 'authorization').flat(),
    ];
    expect(elsewhere.join(' ')).not.toContain('tok-123');
    expect(elsewhere.join(' ')).not.toContain(activeCard.id);
  });

  it('puts the query in the URL only when there is one, and leaves retrying to the client', async () => {
    let calls = 0;
    const { fetch, seen } = recordingFetch(() => {
      calls++;
      return json({ status: 'ok', version: '1', time: '2026-11-22T10:00:00Z' });
    });
    const api = createApiClient({ baseUrl: 'http://localhost:8787/', getToken: () => 't', fetch, retry: 0 });
    await api.health();
    expect(seen[0]?.request.url).toBe('http://localhost:8787/v1/health');
    await api
      .listUsages({ venueId: 'v 1', from: '2026-01-01', to: '2026-01-31', limit: 5 })
      .catch(() => undefined);
    expect(seen[1]?.request.url).toBe(
      'http://localhost:8787/v1/venues/v%201/usages?from=2026-01-01&to=2026-01-31&limit=5',
    );
    // A network failure is the client's to retry (here: not at all), never retried inside the transport.
    const failing = createApiClient({
      baseUrl: 'http://localhost:8787/',
      getToken: () => 't',
      retry: 0,
      fetch: (() => {
        calls++;
        return Promise.reject(new TypeError('fetch failed'));
      }) as typeof globalThis.fetch,
    });
    const before = calls;
    await expect(failing.health()).rejects.toBeInstanceOf(ApiNetworkError);
    expect(calls - before).toBe(1);
  });
});
