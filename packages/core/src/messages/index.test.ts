import { describe, expect, it } from 'vitest';
import { LOCALES } from './define.js';
import { isMessageCode, localize, messageTables, messages } from './index.js';

describe('message registry', () => {
  it('keeps codes unique across areas (a duplicate would silently shadow another text)', () => {
    const seen = new Map<string, string>();
    for (const [area, table] of Object.entries(messageTables)) {
      for (const code of Object.keys(table)) {
        expect(seen.get(code), `${code} in ${area} and ${seen.get(code)}`).toBeUndefined();
        seen.set(code, area);
      }
    }
    expect(Object.keys(messages).length).toBe(seen.size);
  });

  it('has a function for every language of every code', () => {
    for (const [code, message] of Object.entries(messages)) {
      for (const locale of LOCALES) {
        expect(typeof (message as Record<string, unknown>)[locale], `${code}/${locale}`).toBe('function');
      }
    }
  });

  it('renders the card-ID and rules texts in every language without template leftovers', () => {
    const params = new Proxy({}, { get: () => '7' });
    for (const [code, message] of Object.entries({ ...messageTables.cardId, ...messageTables.rules })) {
      const texts = LOCALES.map(
        (locale) => (message as Record<string, (p: unknown) => string>)[locale]?.(params) ?? '',
      );
      for (const text of texts) {
        expect(text.length, code).toBeGreaterThan(5);
        expect(text).not.toMatch(/undefined|\$\{|\[object/);
      }
      expect(new Set(texts).size, `${code} is translated`).toBe(3);
    }
  });

  it('reads the same parameters in every language of a code (a misspelt placeholder would print "undefined")', () => {
    for (const [code, message] of Object.entries(messages)) {
      const read = LOCALES.map((locale) => {
        const names = new Set<string>();
        const params = new Proxy({}, { get: (_, name) => (names.add(String(name)), '7') });
        (message as Record<string, (p: unknown) => string>)[locale]!(params);
        return [...names].sort();
      });
      expect(read[1], `${code} sv`).toEqual(read[0]);
      expect(read[2], `${code} en`).toEqual(read[0]);
    }
  });

  it('localizes one language, falling back to Finnish for an unknown locale', () => {
    expect(localize({ code: 'empty', params: {} }, 'en')).toMatch(/missing/);
    expect(localize({ code: 'empty', params: {} }, 'sv')).toMatch(/saknas/);
    expect(localize({ code: 'empty' })).toMatch(/puuttuu/);
    expect(localize({ code: 'empty' }, 'de' as 'fi')).toMatch(/puuttuu/);
    expect(localize({ code: 'bad-prefix', params: { prefixes: 'A, X' } }, 'en')).toContain('A, X');
  });

  it('localizes a reason, and returns an unknown code as is', () => {
    expect(
      localize({ code: 'card-expired', params: { validUntil: '2025-01-01', today: '2025-01-02' } }, 'sv'),
    ).toContain('2025-01-01');
    expect(localize({ code: 'card-inactive' }, 'en')).toBe('The card is not active in Kaikukanta.');
    expect(localize({ code: 'from-a-newer-server', params: {} }, 'en')).toBe('from-a-newer-server');
    expect(isMessageCode('empty')).toBe(true);
    expect(isMessageCode('toString')).toBe(false);
    expect(isMessageCode(3)).toBe(false);
  });

  it('localizes an API error by its code: a status reads as its group, a problem alias as its text', () => {
    const http503 = { code: 'http-503', params: { status: 503 } };
    expect(localize(http503, 'en')).toBe(localize({ code: 'http-5xx', params: { status: 503 } }, 'en'));
    expect(localize(http503, 'fi')).not.toBe('http-503');
    expect(localize({ code: 'http-418', params: { status: 418 } }, 'sv')).toBe(
      localize({ code: 'http-error', params: { status: 418 } }, 'sv'),
    );
    expect(localize({ code: 'http-5000', params: {} }, 'en')).toBe('http-5000');
  });
});
