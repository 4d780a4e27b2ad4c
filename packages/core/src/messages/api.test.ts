import { describe, expect, it } from 'vitest';
import { apiMessageCode, apiMessages } from './api.js';
import { API_PROBLEM_CODES } from '../schemas/api-responses.js';

type AnyMessage = Record<'fi' | 'sv' | 'en', (p: Record<string, unknown>) => string>;

describe('API messages', () => {
  it.each(Object.keys(apiMessages))(
    '%s has distinct fi, sv and en texts, with and without params',
    (code) => {
      const message = apiMessages[code as keyof typeof apiMessages] as unknown as AnyMessage;
      const params = {
        status: 503,
        timeoutMs: 8000,
        contentType: 'text/html',
        fields: 'minors',
        problemCode: 'cap-reached',
        max: 100,
      };
      const texts = (['fi', 'sv', 'en'] as const).map((l) => message[l](params));
      expect(new Set(texts).size).toBe(3);
      for (const text of [...texts, message.en({})]) {
        expect(text.length).toBeGreaterThan(8);
        expect(text).not.toMatch(/undefined|\[object|\$\{/);
      }
    },
  );

  it('every contract problem code has a text (directly or through its HTTP status)', () => {
    for (const code of Object.values(API_PROBLEM_CODES)) expect(apiMessageCode(code), code).toBeDefined();
  });
});
