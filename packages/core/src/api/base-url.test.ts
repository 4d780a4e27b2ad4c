/** The base URL a token travels over: https (or loopback, or an explicit intranet opt-in), no credentials. */
import { describe, expect, it } from 'vitest';
import { KaikuApiError } from './api-errors.js';
import { checkBaseUrl } from './base-url.js';
import { createApiClient } from './create-api-client.js';
import { createHttpTransport } from './http-transport.js';

describe('the base URL', () => {
  const throwsCode = (fn: () => unknown): string => {
    try {
      fn();
    } catch (error) {
      expect(error).toBeInstanceOf(KaikuApiError);
      return (error as KaikuApiError).code;
    }
    return 'no error';
  };
  const client = (baseUrl: string, allowInsecureHttp?: boolean) => () =>
    createApiClient({ baseUrl, getToken: () => 't', ...(allowInsecureHttp ? { allowInsecureHttp } : {}) });

  it.each([
    'http://pos.teatteri.intra/api/',
    'http://192.168.1.20:8787/',
    'http://10.0.0.5/',
    'http://kaikukanta.example/',
    'http://[fe80::1]/',
  ])('plain http to another machine is refused at creation: %s', (url) => {
    expect(throwsCode(client(url))).toBe('insecure-base-url');
    expect(throwsCode(() => createHttpTransport({ baseUrl: url }))).toBe('insecure-base-url');
  });

  it.each(['http://localhost:8787/', 'http://127.0.0.1:9/', 'http://[::1]:8787/', 'http://app.localhost/'])(
    'loopback over http is fine: %s',
    (url) => {
      expect(throwsCode(client(url))).toBe('no error');
    },
  );

  it('an intranet installation opts in explicitly', () => {
    expect(throwsCode(client('http://pos.teatteri.intra/api/', true))).toBe('no error');
  });

  it.each([
    'ftp://kaikukanta.example/',
    'kaikukanta.example',
    'https://user:secret@kaikukanta.example/',
    'https://k.example/?token=x',
  ])('not an http(s) URL without credentials is refused: %s', (url) => {
    expect(throwsCode(client(url))).toBe('invalid-base-url');
  });

  it('the error names no credentials', () => {
    try {
      checkBaseUrl('https://user:secret@kaikukanta.example/');
    } catch (error) {
      expect(JSON.stringify(error) + String(error)).not.toContain('secret');
    }
    expect(checkBaseUrl('https://kaikukanta.example/api').href).toBe('https://kaikukanta.example/api/');
  });
});
