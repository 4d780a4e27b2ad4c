// Each fact of the card-ID grammar and the card statuses has one source; these tests fail when a second list
// drifts from it (issue 46): a prefix added to the parser only, a status without a refusal or without its texts.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseCardId } from '@kaiku-scanner/core';
import {
  CARD_PREFIXES,
  CARD_STATUSES,
  CARD_STATUS_REFUSALS,
  BATCH_MAX_ITEMS,
  CardRecordSchema,
  MAX_CHILD_TICKETS,
} from '@kaiku-scanner/core/contract';
import { CARD_ID_FORMAT, prefixesOf } from '../../packages/core/src/card-id/card-id-format.js';
import { isMessageCode } from '../../packages/core/src/messages/index.js';
import { seedCards } from '../../packages/sandbox/src/seed/seed-data.js';

describe('one source per fact', () => {
  it('the parser and the contract name the same card prefixes', () => {
    expect([...prefixesOf(CARD_ID_FORMAT)].sort()).toEqual([...CARD_PREFIXES].sort());
  });

  it.each(Object.entries(CARD_ID_FORMAT.prefixes))(
    'a card the parser reads as %s is a card the client accepts from the server',
    (prefix, rule) => {
      for (const length of rule.bodyLengths) {
        const parsed = parseCardId(prefix + '1'.repeat(length));
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) continue;
        const record = {
          id: parsed.id,
          prefix: parsed.prefix,
          kind: parsed.kind,
          status: 'active',
          validUntil: '2027-01-01',
          minors: 0,
        };
        expect(CardRecordSchema.safeParse(record).success).toBe(true);
      }
    },
  );

  it('every non-active status has a refusal code with texts in three languages', () => {
    const inactive = CARD_STATUSES.filter((s) => s !== 'active');
    expect(Object.keys(CARD_STATUS_REFUSALS).sort()).toEqual([...inactive].sort());
    for (const code of Object.values(CARD_STATUS_REFUSALS)) expect(isMessageCode(code)).toBe(true);
  });

  it("the sandbox's seed cards take prefix and kind from the parser", () => {
    for (const card of seedCards('2026-11-26')) {
      const parsed = parseCardId(card.id);
      expect(parsed.ok && [parsed.prefix, parsed.kind]).toEqual([card.prefix, card.kind]);
    }
  });

  /** The number literals of a source file's code (not its comments or texts). */
  const numbersIn = (file: string): number[] => {
    const text = readFileSync(new URL(`../../packages/${file}`, import.meta.url), 'utf8');
    const found: number[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isNumericLiteral(node)) found.push(Number(node.text));
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest));
    return found;
  };

  // A limit of the contract is written once, in its schema file; the places that keep to it import it.
  it.each([
    [
      'MAX_CHILD_TICKETS',
      MAX_CHILD_TICKETS,
      ['core/src/reports/validate-row.ts', 'element/src/services/usage-mapping.ts'],
    ],
    [
      'BATCH_MAX_ITEMS',
      BATCH_MAX_ITEMS,
      ['core/src/outbox/create-outbox.ts', 'core/src/schemas/api-openapi.ts'],
    ],
  ] as const)('%s (%d) is written once and imported where it is kept', (name, value, users) => {
    expect(numbersIn('core/src/schemas/api-request.ts').filter((n) => n === value)).toHaveLength(1);
    for (const file of users) {
      expect(numbersIn(file), file).not.toContain(value);
      expect(readFileSync(new URL(`../../packages/${file}`, import.meta.url), 'utf8'), file).toContain(name);
    }
  });
});
