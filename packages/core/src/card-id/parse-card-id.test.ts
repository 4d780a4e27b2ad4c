import { describe, expect, it } from 'vitest';
import { CARD_ID_FORMAT } from './card-id-format.js';
import { code39CheckCharacter } from './code39.js';
import { parseCardId } from './parse-card-id.js';

const SEED_IDS = [
  'A045198723',
  'A999005429',
  'A999005458',
  'A999005461',
  'A999005380',
  'A999991234',
  'X000011986',
  'X000011656',
  'X000011326',
  'X000011012',
  'Z000010669',
  'Y110029399',
];

function codeOf(raw: string, options?: Parameters<typeof parseCardId>[1]): string {
  const result = parseCardId(raw, options);
  return result.ok ? `ok:${result.id}` : result.error.code;
}

describe('parseCardId: accepts', () => {
  it.each(SEED_IDS)('every card ID printed in the seeds: %s', (id) => {
    expect(parseCardId(id)).toMatchObject({ ok: true, id, prefix: id.charAt(0) });
  });

  it.each([
    ['A999005458', 'A', 'client', 'paper'],
    ['AM12345678', 'AM', 'client', 'paper'],
    ['AM123456789', 'AM', 'client', 'paper'],
    ['Y110029399', 'Y', 'community', 'paper'],
    ['YM12345678', 'YM', 'community', 'paper'],
    ['X000011986', 'X', 'client', 'mobile'],
    ['Z000010669', 'Z', 'community', 'mobile'],
  ] as const)('%s → prefix %s, %s, %s', (id, prefix, kind, medium) => {
    expect(parseCardId(id)).toEqual({ ok: true, id, prefix, kind, medium });
  });

  it.each([
    ['QR payload with a newline', 'A999005458\n'],
    ['Code 39 with start/stop', '*A999005458*'],
    ['wedge with CR LF and spaces', '  A999005458\r\n'],
    ['stray control characters', '\u0002A9990\u001D05458\u0003'],
    ['lower case', 'a999005458'],
    ['a byte-order mark', '\uFEFFA999005458'],
    ['zero-width space', 'A999\u200B005458'],
    ['full-width letters and digits', 'Ａ９９９００５４５８'],
    ['full-width lower case', 'ａ９９９００５４５８'],
    ['ideographic space around', '\u3000A999005458\u3000'],
    ['no-break space around', '\u00A0A999005458\u00A0'],
    ['tab inside (a control character)', 'A99900\t5458'],
  ])('%s', (_label, raw) => {
    expect(codeOf(raw)).toBe('ok:A999005458');
  });
});

describe('parseCardId: an ID typed in groups (issue 30.6)', () => {
  it.each([
    ['A045 198 723', 'A045198723'],
    ['A045-198-723', 'A045198723'],
    ['a045 198 723', 'A045198723'],
    ['A 045 198 723', 'A045198723'],
    ['  A045-198723\r\n', 'A045198723'],
    ['X000-011-986', 'X000011986'],
  ])('%j → %s', (raw, id) => {
    expect(parseCardId(raw)).toMatchObject({ ok: true, id });
  });
});

describe('parseCardId: refuses', () => {
  it.each([
    ['', 'empty'],
    ['   \r\n', 'empty'],
    ['\uFEFF', 'empty'],
    ['**', 'empty'],
    ['B999005458', 'bad-prefix'],
    ['999005458', 'bad-prefix'],
    ['AB99900545', 'bad-prefix'],
    ['Q', 'bad-prefix'],
    ['A99900545', 'bad-length'],
    ['A9990054581', 'bad-length'],
    ['AM1234567', 'bad-length'],
    ['AM1234567890', 'bad-length'],
    ['X', 'bad-length'],
    ['A', 'bad-length'],
    ['A99900545O', 'bad-character'],
    ['A99900545o', 'bad-character'],
    ['A 99 9005458', 'bad-character'],
    ['A999-005-458-', 'bad-character'],
    ['A999-005 458', 'bad-character'],
    ['A999  005458', 'bad-character'],
    ['*A999 005458*', 'bad-character'],
    ['A999 005 4581', 'bad-length'],
    ['A999005458*', 'bad-character'],
    ['*A999005458', 'bad-character'],
    ['Ä999005458', 'bad-character'],
    ['Ⅹ000011986', 'bad-character'],
    ['X00001198①', 'bad-character'],
    ['A999005458G', 'unexpected-check-character'],
    ['A999005458H', 'bad-character'],
    ['E1234', 'legacy-code'],
    ['50142', 'legacy-code'],
    ['XA0032', 'legacy-code'],
    ['E2251', 'legacy-code'],
    ['10141', 'legacy-code'],
    ['e1234', 'legacy-code'],
    ['*E1234*', 'legacy-code'],
  ])('%j → %s', (raw, code) => {
    expect(codeOf(raw)).toBe(code);
  });

  it('never substitutes look-alikes (O/0, I/1, l/1, S/5)', () => {
    for (const raw of ['A99900545O', 'AI99005458', 'A9990054S8', 'Al99005458', 'OA99900545']) {
      expect(parseCardId(raw).ok).toBe(false);
    }
    expect(codeOf('O999005458')).toBe('bad-prefix');
  });

  it('names the offending character and its position, never echoing the reading', () => {
    const result = parseCardId('A99900545O');
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-character', params: { position: 10 } } });
    if (result.ok) return;
    expect(result.error.params).toEqual({ char: '"O"', position: 10 });
    // Staff read it: no code points (issue 30.6).
    expect(JSON.stringify(result.error.message)).not.toMatch(/U\+/);
    expect(JSON.stringify(result.error.message)).not.toContain('A99900545');
    expect(codeOf('A\u00009')).not.toBe('ok');
  });

  it('describes lengths and prefixes in the parameters', () => {
    expect(parseCardId('AM1234567')).toMatchObject({
      error: { code: 'bad-length', params: { prefix: 'AM', length: 9, expected: '10/11' } },
    });
    expect(parseCardId('B1')).toMatchObject({ error: { params: { prefixes: 'A, AM, X, Y, YM, Z' } } });
  });

  it('renders every refusal in Finnish, Swedish and English', () => {
    for (const raw of ['', 'B999005458', 'A1', 'A99900545O', 'E1234']) {
      const result = parseCardId(raw);
      if (result.ok) throw new Error('expected a refusal');
      for (const text of Object.values(result.error.message)) expect(text.length).toBeGreaterThan(10);
      expect(new Set(Object.values(result.error.message)).size).toBe(3);
    }
    const legacy = parseCardId('E1234');
    expect(legacy.ok ? '' : legacy.error.message.fi).toContain('Kaikukanta');
  });

  it('treats a non-string as empty instead of throwing', () => {
    expect(codeOf(undefined as unknown as string)).toBe('empty');
    expect(codeOf(12345 as unknown as string)).toBe('empty');
  });
});

describe('parseCardId: Code 39 check character', () => {
  const id = 'A999005458';
  const check = code39CheckCharacter(id) ?? '';

  it('computes the mod-43 character', () => {
    expect(check).toBe('G');
    expect(code39CheckCharacter('CODE39')).toBe('W');
    expect(code39CheckCharacter('a')).toBeUndefined();
  });

  it('verify: accepts a correct one and removes it', () => {
    expect(codeOf(id + check, { checkCharacter: 'verify' })).toBe(`ok:${id}`);
    expect(codeOf(`*${id}${check}*`, { checkCharacter: 'verify' })).toBe(`ok:${id}`);
    expect(codeOf(`${id.toLowerCase()}${check.toLowerCase()}\r`, { checkCharacter: 'verify' })).toBe(
      `ok:${id}`,
    );
  });

  it('verify: refuses a wrong or missing one', () => {
    expect(codeOf(`${id}H`, { checkCharacter: 'verify' })).toBe('bad-checksum');
    expect(codeOf(id, { checkCharacter: 'verify' })).toBe('bad-checksum');
    expect(codeOf('A', { checkCharacter: 'verify' })).toBe('bad-checksum');
    expect(codeOf(`${id}ä`, { checkCharacter: 'verify' })).toBe('bad-character');
  });

  it('strip: removes the last character unverified', () => {
    expect(codeOf(`${id}H`, { checkCharacter: 'strip' })).toBe(`ok:${id}`);
    expect(codeOf(id, { checkCharacter: 'strip' })).toBe('bad-checksum');
    expect(codeOf(`${id}ä`, { checkCharacter: 'strip' })).toBe('bad-character');
  });

  it('off: a check character is not part of an ID, and a transmitted one is named', () => {
    expect(codeOf(id + check)).toBe('unexpected-check-character');
    expect(codeOf(`*${id}${check}*`)).toBe('unexpected-check-character');
    expect(codeOf(`${id}%`)).toBe('bad-character');
  });

  it('reads a space check character only when a space really followed the text', () => {
    const spaced = findIdWithCheck(' ');
    expect(codeOf(`${spaced} \r\n`, { checkCharacter: 'verify' })).toBe(`ok:${spaced}`);
    expect(codeOf(`*${spaced} *`, { checkCharacter: 'verify' })).toBe(`ok:${spaced}`);
    expect(codeOf(`${spaced} `, { checkCharacter: 'strip' })).toBe(`ok:${spaced}`);
    expect(codeOf(`${spaced}\r\n`, { checkCharacter: 'verify' })).toBe('bad-checksum');
  });
});

describe('parseCardId: configurable format', () => {
  it('accepts a custom prefix set and body lengths', () => {
    const format = {
      ...CARD_ID_FORMAT,
      prefixes: { ...CARD_ID_FORMAT.prefixes, AM: { kind: 'client', medium: 'paper', bodyLengths: [8] } },
    } as const;
    expect(codeOf('AM12345678', { format })).toBe('ok:AM12345678');
    expect(codeOf('AM123456789', { format })).toBe('bad-length');
  });

  it('can turn legacy detection off', () => {
    expect(codeOf('E1234', { format: { ...CARD_ID_FORMAT, legacy: /(?!)/ } })).toBe('bad-prefix');
  });
});

function findIdWithCheck(check: string): string {
  for (let n = 0; n < 100_000; n += 1) {
    const id = `A${String(n * 7919).padStart(9, '0')}`;
    if (code39CheckCharacter(id) === check) return id;
  }
  throw new Error('no such ID');
}
