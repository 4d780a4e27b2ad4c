/** Problems and HTTP statuses as the caller gets them: an error class, a stable code, a text in fi, sv and en. */
import { describe, expect, it } from 'vitest';
import { HttpResponse } from 'msw';
import { API_ERROR_CODES, ApiHttpError, ApiProblemError } from './api-errors.js';
import { API_PROBLEM_CODES, makeProblem } from '../schemas/api.js';
import { problemResponse } from './testing/mock-api.js';
import {
  answerOn,
  CARD_URL,
  caught,
  expectPlainAndPrivate,
  register,
  testClient,
  textAnswer,
  USAGES_URL,
  useMswServer,
} from './testing/msw-helpers.js';
import { apiMessageCode, apiMessages } from '../messages/api.js';
import { localize } from '../messages/index.js';

const answer = answerOn(useMswServer());
const client = testClient;

describe('every problem code reaches the caller with its code', () => {
  const codes = [
    ...Object.values(API_PROBLEM_CODES).filter(
      (c) => !['unauthorized', 'forbidden', 'rate-limited', 'internal-error', 'unavailable'].includes(c),
    ),
    'cap-reached',
    'card-expired',
    'card-use-banned',
    'too-many-children',
  ];
  it.each(codes)('%s', async (code) => {
    const status =
      code === 'card-not-registered' || code === 'not-found'
        ? 404
        : code === 'idempotency-key-in-progress'
          ? 409
          : 422;
    answer('post', CARD_URL, () => problemResponse(makeProblem(status, code, code, { detail: 'x' })));
    const error = await caught(client().lookupCard('A045198723'));
    expect(error).toBeInstanceOf(ApiProblemError);
    expect(error.code).toBe('problem');
    expect((error as ApiProblemError).problemCode).toBe(code);
    expect(error.params).toMatchObject({ status, problemCode: code });
  });
});

describe('HTTP statuses', () => {
  it.each([
    [401, 2],
    [403, 1],
  ])(
    '%i is an http error with the problem attached, sent %i time(s) (401: once more with a refreshed token)',
    async (status, sent) => {
      const calls = answer('post', USAGES_URL, () => problemResponse(makeProblem(status, 'forbidden', 'No')));
      const error = await caught(register());
      expect(error).toBeInstanceOf(ApiHttpError);
      expect(error.code).toBe(`http-${status}`);
      expect(error.retryable).toBe(false);
      expect((error as ApiHttpError).problem?.code).toBe('forbidden');
      expect(calls.count).toBe(sent);
    },
  );

  it('404 from a proxy (HTML) is http-404', async () => {
    answer('post', CARD_URL, () => HttpResponse.html('<h1>Not Found</h1>', { status: 404 }));
    const error = await caught(client().lookupCard('A045198723'));
    expect(error.code).toBe('http-404');
    expect(error.retryable).toBe(false);
  });

  it('a proxy 407 (authentication required) HTML page is http-407 with a text, not a problem', async () => {
    answer('post', USAGES_URL, () => HttpResponse.html('<h1>Proxy login</h1>', { status: 407 }));
    const error = await caught(register());
    expect(error).toBeInstanceOf(ApiHttpError);
    expect(error.code).toBe('http-407');
    expectPlainAndPrivate(error);
  });

  it.each([413, 405])(
    'a %i from a proxy (its HTML page) keeps its code and says the answer is probably not the API’s',
    async (status) => {
      const page = '<html><body><h1>Request rejected</h1><hr>nginx</body></html>';
      answer('post', USAGES_URL, () => HttpResponse.html(page, { status, headers: { via: '1.1 gateway' } }));
      const error = await caught(register());
      expect([error.code, error.params]).toEqual([`http-${status}`, { status, answeredBy: 'intermediary' }]);
      const texts = (['fi', 'sv', 'en'] as const).map((l) => localize(error, l));
      expect(texts).toEqual([/välityspalvel/, /proxyserver/, /proxy/].map((w) => expect.stringMatching(w)));
      // The API's own 413 (problem+json) is its refusal: no hint of an intermediary.
      answer('post', USAGES_URL, () => problemResponse(makeProblem(413, 'payload-too-large', 'Too large')));
      const own = await caught(register());
      expect([own.code, localize(own, 'en')]).toEqual(['problem', expect.not.stringMatching(/proxy/)]);
    },
  );

  it('an error body that is not a problem keeps the status code', async () => {
    answer('post', CARD_URL, () => HttpResponse.json({ message: 'nope' }, { status: 422 }));
    const error = await caught(client().lookupCard('A045198723'));
    expect(error.code).toBe('http-422');
    // JSON, if not a problem: the API (or a gateway of its own) answered; no hint of a proxy's page.
    expect(error.params).toEqual({ status: 422 });
    answer('post', CARD_URL, textAnswer('{"type":', 'application/problem+json', 400));
    expect((await caught(client().lookupCard('A045198723'))).code).toBe('http-400');
  });
});

describe('messages', () => {
  it('every client error code has a text in fi, sv and en', () => {
    for (const code of [
      ...Object.values(API_ERROR_CODES),
      'http-401',
      'http-403',
      'http-404',
      'http-429',
      'http-418',
      'http-503',
      'unauthorized',
      'unavailable',
    ]) {
      const key = apiMessageCode(code);
      expect(key, code).toBeDefined();
      const message = apiMessages[key!] as unknown as Record<string, (p: object) => string>;
      for (const locale of ['fi', 'sv', 'en']) expect(message[locale]!({}).length).toBeGreaterThan(5);
    }
    expect(apiMessageCode('no-such-code')).toBeUndefined();
  });
});
