import { describe, expect, it } from 'vitest';
import { CARD_ID_FORMAT, prefixesOf, totalLengthsOf } from './card-id-format.js';
import { couldBecomeCardId, describePrefix, looksLikeCardId } from './looks-like-card-id.js';
import { normalizeReading } from './normalize-reading.js';

describe('looksLikeCardId', () => {
  it('says yes to readings parseCardId accepts', () => {
    expect(looksLikeCardId('a999005458\n')).toBe(true);
    expect(looksLikeCardId('A999005458G', { checkCharacter: 'verify' })).toBe(true);
  });

  it('says no quickly to long or non-string candidates', () => {
    expect(
      looksLikeCardId('https://example.org/a-long-url-from-some-other-qr-code-on-the-poster-next-to-it'),
    ).toBe(false);
    expect(looksLikeCardId(42 as unknown as string)).toBe(false);
    expect(looksLikeCardId('E1234')).toBe(false);
  });
});

describe('couldBecomeCardId', () => {
  it('follows a wedge buffer as it grows', () => {
    for (const partial of [
      '',
      '*',
      'a',
      'A',
      'AM',
      'AM1',
      'A99900545',
      'A999005458',
      'Y',
      'YM12345678',
      'z0',
    ]) {
      expect(couldBecomeCardId(partial), partial).toBe(true);
    }
  });

  it('gives up as soon as no ID can follow', () => {
    for (const partial of ['Q', 'AB', 'A9990054580', 'AM1234567890', 'A9O', '1', 'E1']) {
      expect(couldBecomeCardId(partial), partial).toBe(false);
    }
    expect(couldBecomeCardId('A'.repeat(100))).toBe(false);
    expect(couldBecomeCardId(null as unknown as string)).toBe(false);
  });
});

describe('format helpers', () => {
  it('lists prefixes longest first and total lengths', () => {
    expect(prefixesOf().slice(0, 2).sort()).toEqual(['AM', 'YM']);
    expect(totalLengthsOf('AM')).toEqual([10, 11]);
    expect(totalLengthsOf('Q')).toEqual([]);
    expect(describePrefix('Z')).toEqual({ kind: 'community', medium: 'mobile', bodyLengths: [9] });
    expect(describePrefix('toString')).toBeUndefined();
    expect(Object.isFrozen(CARD_ID_FORMAT)).toBe(true);
  });

  it('normalizes without guessing', () => {
    expect(normalizeReading('\uFEFF *a999005458*\r\n')).toEqual({
      text: 'A999005458',
      starred: true,
      trailingSpace: false,
    });
    expect(normalizeReading('A1 \n').trailingSpace).toBe(true);
    expect(normalizeReading('ß').text).toBe('ß');
    expect(normalizeReading('ı').text).toBe('ı');
    expect(normalizeReading('Ⅻ①²').text).toBe('Ⅻ①²');
  });
});
