// "No card ID as a terminal name" (docs/api.md, Endpoints): whatever reading parseCardId accepts as a card ID — any
// script's digits, any separator it strips — is never a terminal name, alone or inside one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_ID_FORMAT, prefixesOf, totalLengthsOf } from '../card-id/card-id-format.js';
import { parseCardId } from '../card-id/parse-card-id.js';
import { TerminalNameSchema } from './usage-input.js';

const canonicalId = fc
  .constantFrom(
    ...prefixesOf(CARD_ID_FORMAT).flatMap((p) => totalLengthsOf(p).map((n) => [p, n - p.length] as const)),
  )
  .chain(([prefix, digits]) => fc.stringMatching(new RegExp(`^[0-9]{${digits}}$`)).map((d) => prefix + d));
const toFullWidth = (s: string): string =>
  [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
/** The ID in groups of 3 or more after the prefix, with one separator parseCardId strips. */
const grouped = fc
  .tuple(canonicalId, fc.constantFrom(' ', '-', '\u00a0', '\u202f', '\u2010', '\u2011'), fc.nat(3))
  .map(([id, sep, cut]) => {
    const body = id.replace(/^[A-Z]+/, '');
    const prefix = id.slice(0, id.length - body.length);
    const at = 3 + (cut % Math.max(1, body.length - 5));
    return `${prefix}${body.slice(0, 3)}${sep}${body.slice(3, at)}${sep}${body.slice(at)}`.replace(
      new RegExp(`${sep}{2}|${sep}$`, 'g'),
      '',
    );
  });
const reading = fc.oneof(canonicalId, grouped, canonicalId.map(toFullWidth), grouped.map(toFullWidth));

describe('TerminalNameSchema', () => {
  it('refuses every reading parseCardId takes for a card ID, alone or inside a name', () => {
    fc.assert(
      fc.property(reading, (id) => {
        fc.pre(parseCardId(id).ok);
        expect(TerminalNameSchema.safeParse(id).success).toBe(false);
        expect(TerminalNameSchema.safeParse(`Kassa ${id}`).success).toBe(false);
      }),
      { numRuns: 500, seed: 48 },
    );
  });

  it('refuses the probes: full-width digits and a grouped ID; keeps ordinary names', () => {
    for (const bad of ['Ａ０４５１９８７２３', 'A045 198 723', 'Ovi 045-198-723', 'Kassa 2024'])
      expect(TerminalNameSchema.safeParse(bad).success, bad).toBe(false);
    for (const good of ['Kassa 2', 'Ovi 12 - 3', 'Lipunmyynti 1, sali 3', 'Kassa ２'])
      expect(TerminalNameSchema.safeParse(good).success, good).toBe(true);
  });
});
