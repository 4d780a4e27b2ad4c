import { describe, expect, it } from 'vitest';
import { maskCardIds } from './mask.js';

describe('maskCardIds', () => {
  it.each([
    ['GET /v1/cards/A045198723', 'GET /v1/cards/A0451•••••'],
    ['GET /v1/cards/%41045198723', 'GET /v1/cards/A0451•••••'],
    ['GET /v1/cards/A0451%39%38723', 'GET /v1/cards/A0451•••••'],
    ['GET /v1/cards/A045198723Q', 'GET /v1/cards/A0451•••••Q'],
    ['GET /v1/cards/%20A045198723', 'GET /v1/cards/ A0451•••••'],
    ['GET /v1/cards/9A045198723', 'GET /v1/cards/9A0451•••••'],
    ['GET /v1/cards/AM04519872', 'GET /v1/cards/AM0451••••'],
    ['GET /v1/cards/Ａ０４５１９８７２３', 'GET /v1/cards/Ａ０４５１•••••'],
    ['GET /v1/cards/A0451%E0%A4%A', 'GET /v1/cards/A0451\u00e0\u00a4%A'],
  ])('%s', (line, expected) => {
    expect(maskCardIds(line)).toBe(expected);
  });

  it.each([
    'A045 198 723',
    'A045-198-723',
    'A045\u200b198723',
    'A045198\u00ad723',
    'A045%20198%20723',
    'A045%E2%80%8B198723',
    'A\u2060045.198_723',
    'A0 4 5 1 9 8 7 2 3',
    'A045\u2009198\u2009723',
  ])('masks an ID written with separators or invisible characters: %j', (id) => {
    const masked = maskCardIds(`GET /v1/cards/${id}`);
    expect(masked.match(/\p{Nd}/gu)?.join('')).toBe('10451');
    expect(masked.match(/•/g)).toHaveLength(5);
  });

  it('leaves short numbers alone', () => {
    expect(maskCardIds('POST /v1/shows/ilta-12-3/tally')).toBe('POST /v1/shows/ilta-12-3/tally');
  });

  it('never leaves seven consecutive digits of any ID in a line', () => {
    for (let i = 0; i < 200; i++) {
      const id = `${'AXYZ'[i % 4]}${String(i * 7919).padStart(9, '0')}`;
      const forms = [
        id,
        encodeURIComponent(id),
        [...id].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
      ];
      for (const form of forms) expect(maskCardIds(`GET /v1/cards/${form}`)).not.toMatch(/\d{5}/);
    }
  });
});
