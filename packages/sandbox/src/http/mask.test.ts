import { describe, expect, it } from 'vitest';
import { maskCardIds } from './mask.js';

describe('maskCardIds', () => {
  it.each([
    ['GET /v1/cards/A045198723 200 1.2ms', 'GET /v1/cards/A0451••••• 200 1.2ms'],
    ['GET /v1/cards/%41045198723 200', 'GET /v1/cards/A0451••••• 200'],
    ['GET /v1/cards/A0451%39%38723 200', 'GET /v1/cards/A0451••••• 200'],
    ['GET /v1/cards/A045198723Q 200', 'GET /v1/cards/A0451•••••Q 200'],
    ['GET /v1/cards/%20A045198723 404', 'GET /v1/cards/ A0451••••• 404'],
    ['GET /v1/cards/9A045198723 404', 'GET /v1/cards/9A0451••••• 404'],
    ['GET /v1/cards/AM04519872 200', 'GET /v1/cards/AM0451•••• 200'],
    ['GET /v1/cards/Ａ０４５１９８７２３ 200', 'GET /v1/cards/Ａ０４５１••••• 200'],
    ['GET /v1/cards/A0451%E0%A4%A 400', 'GET /v1/cards/A0451\u00e0\u00a4%A 400'],
  ])('%s', (line, expected) => {
    expect(maskCardIds(line)).toBe(expected);
  });

  it('leaves short numbers (status, timings, counts) alone', () => {
    expect(maskCardIds('POST /v1/usages 201 12.5ms')).toBe('POST /v1/usages 201 12.5ms');
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
