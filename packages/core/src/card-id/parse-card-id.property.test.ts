import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ID_FORMAT, prefixesOf, totalLengthsOf } from './card-id-format.js';
import { code39CheckCharacter } from './code39.js';
import { parseCardId } from './parse-card-id.js';

const RUNS = { numRuns: 500 };

/** Canonical IDs of every prefix and every allowed length. */
const canonicalId = fc
  .constantFrom(
    ...prefixesOf(CARD_ID_FORMAT).flatMap((p) => totalLengthsOf(p).map((n) => [p, n - p.length] as const)),
  )
  .chain(([prefix, digits]) =>
    fc
      .array(fc.constantFrom(...'0123456789'), { minLength: digits, maxLength: digits })
      .map((d) => prefix + d.join('')),
  );

const junkSpace = fc.constantFrom('', ' ', '  ', '\t', '\r\n', '\n', '\u00A0', '\u3000');
const invisible = fc.constantFrom('', '\uFEFF', '\u0002', '\u0003', '\u001D', '\u200B', '\u0000');

const toFullWidth = (s: string): string =>
  [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
const mixCase = (s: string, mask: boolean[]): string =>
  [...s].map((c, i) => (mask[i % Math.max(1, mask.length)] ? c.toLowerCase() : c)).join('');

describe('parseCardId properties', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (raw) => {
        const result = parseCardId(raw as string);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message.fi.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts canonical IDs as they are and is idempotent', () => {
    fc.assert(
      fc.property(canonicalId, (id) => {
        const result = parseCardId(id);
        expect(result).toMatchObject({ ok: true, id });
        if (result.ok) expect(parseCardId(result.id)).toEqual(result);
      }),
      RUNS,
    );
  });

  it('round-trips every accepted raw form back to the canonical ID', () => {
    fc.assert(
      fc.property(
        canonicalId,
        fc.record({
          before: junkSpace,
          after: junkSpace,
          bom: invisible,
          inner: invisible,
          star: fc.boolean(),
          fullWidth: fc.boolean(),
          lower: fc.array(fc.boolean(), { minLength: 1, maxLength: 11 }),
          at: fc.nat(),
        }),
        (id, f) => {
          let body = mixCase(id, f.lower);
          if (f.fullWidth) body = toFullWidth(body);
          const chars = [...body];
          chars.splice(f.at % (chars.length + 1), 0, f.inner);
          body = chars.join('');
          if (f.star) body = `*${body}*`;
          const raw = `${f.bom}${f.before}${body}${f.after}`;
          expect(parseCardId(raw)).toMatchObject({ ok: true, id });
        },
      ),
      RUNS,
    );
  });

  it('round-trips with a mod-43 check character in verify and strip modes', () => {
    fc.assert(
      fc.property(canonicalId, fc.boolean(), junkSpace, (id, star, after) => {
        const check = code39CheckCharacter(id) ?? '';
        // A space check character is only recognizable inside *…* or when a plain space follows.
        const tail = check === ' ' && !star ? ' ' : after;
        const text = star ? `*${id}${check}*${after}` : `${id}${check}${tail}`;
        expect(parseCardId(text, { checkCharacter: 'verify' })).toMatchObject({ ok: true, id });
        expect(parseCardId(text, { checkCharacter: 'strip' })).toMatchObject({ ok: true, id });
      }),
      RUNS,
    );
  });

  it('refuses any wrong check character in verify mode', () => {
    fc.assert(
      fc.property(
        canonicalId,
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-.$/+%'),
        (id, wrong) => {
          fc.pre(wrong !== code39CheckCharacter(id));
          const result = parseCardId(`*${id}${wrong}*`, { checkCharacter: 'verify' });
          expect(result.ok && result.id === id).toBe(false);
        },
      ),
      RUNS,
    );
  });

  it('never accepts random junk', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (raw) => {
        const result = parseCardId(raw);
        if (!result.ok) return;
        // Anything accepted must be a canonical ID hidden only behind removable decorations.
        expect(result.id).toMatch(/^(A|AM|Y|YM|X|Z)[0-9]+$/);
        expect(totalLengthsOf(result.prefix)).toContain(result.id.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts exactly the strings of the seed format (oracle over a small alphabet)', () => {
    const oracle = /^(?:(?:A|Y|X|Z)[0-9]{9}|(?:AM|YM)[0-9]{8,9})$/;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...'AMYXZBEO0123456789'), { maxLength: 13 }), (chars) => {
        const text = chars.join('');
        expect(parseCardId(text).ok).toBe(oracle.test(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('never accepts an ID with one character substituted by a look-alike letter', () => {
    fc.assert(
      fc.property(
        canonicalId,
        fc.nat(),
        fc.constantFrom('O', 'I', 'L', 'S', 'B', 'Z', 'G'),
        (id, at, letter) => {
          const i = 1 + (at % (id.length - 1));
          fc.pre(!(id.startsWith('AM') || id.startsWith('YM')) || i > 1);
          const changed = id.slice(0, i) + letter + id.slice(i + 1);
          expect(parseCardId(changed).ok).toBe(false);
        },
      ),
      RUNS,
    );
  });
});
