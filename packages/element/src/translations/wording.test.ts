// Every text the element can show, in each language, against the wording a box office reads: one word for a ticket
// collection, no calque or placeholder left behind. (The issue found "lunastus" beside "nouto", English and Swedish
// "Situation" for booking or collection, "only 1 fit under the cap" and "2 tickets requested" before any request.)
import { readFileSync, readdirSync } from 'node:fs';
import { CARD_TEXTS, fill, statusName } from '../views/card-texts.js';
import { describe, expect, it } from 'vitest';
import { elementText } from '../messages/index.js';
import { serviceMessages } from '../messages/late-texts.js';
import { defineTexts, outboxMessages, rulesMessages } from '@kaiku-scanner/core/messages';
import { REPORT_COLUMN_LABELS } from '@kaiku-scanner/core/reports';
import { formatterFor } from '../format.js';
import { en, enCodes } from './en.js';
import { fi, fiCodes } from './fi.js';
import { sv, svCodes } from './sv.js';
import { REGISTER_TEXTS } from './register-texts.js';
import { VENUE_CARD_TEXTS, VENUE_MESSAGES, VENUE_TRANSLATION } from './venue-texts.js';

type Locale = 'fi' | 'sv' | 'en';

// Any parameter a text asks for: a number-like string, so count-dependent wording is produced too.
const anyParams = new Proxy({}, { get: (_, key) => (typeof key === 'string' ? '2' : undefined) });

// Message tables take one params object; the translations' functions take positional values.
const TABLE_CALLS = [[anyParams]];
const TRANSLATION_CALLS = [
  ['2', '3', '4'],
  [2, 3, 4],
  [1, 1, 1],
];

function textsOf(
  value: unknown,
  path: string,
  out: [string, string][],
  calls: unknown[][],
): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') {
    for (const args of calls) {
      let text: unknown;
      try {
        text = (value as (...a: unknown[]) => unknown)(...args);
      } catch {
        continue;
      }
      textsOf(text, path, out, calls);
    }
  } else if (value && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) textsOf(inner, `${path}.${key}`, out, calls);
  return out;
}

// The first paint's codes, each language's from its file; the load notice, in every language at once.
const elementMessages = {
  ...defineTexts({ fi: fiCodes, sv: svCodes, en: enCodes }),
  'language-load-failed': {
    fi: () => elementText('language-load-failed').fi,
    sv: () => elementText('language-load-failed').sv,
    en: () => elementText('language-load-failed').en,
  },
};
const tables = { elementMessages, serviceMessages, rulesMessages, VENUE_MESSAGES } as Record<
  string,
  Record<string, unknown>
>;
function allTexts(locale: Locale): [string, string][] {
  const out = textsOf({ fi, sv, en }[locale], locale, [], TRANSLATION_CALLS);
  for (const [name, table] of Object.entries(tables))
    for (const [code, message] of Object.entries(table))
      textsOf((message as Record<Locale, unknown>)[locale], `${name}.${code}.${locale}`, out, TABLE_CALLS);
  // registry="venue": the venue register's words over those.
  textsOf(VENUE_TRANSLATION[locale], `VENUE_TRANSLATION.${locale}`, out, TRANSLATION_CALLS);
  // The lazy views' words, their values filled in with number-like ones, as the translations' functions are.
  for (const [key, words] of [...Object.entries(CARD_TEXTS), ...Object.entries(VENUE_CARD_TEXTS)])
    textsOf(fill(words, '2', '3')[locale], `CARD_TEXTS.${key}.${locale}`, out, []);
  // The register's words, their counts 1 and 2 (a name where one is asked for).
  for (const [key, words] of Object.entries(REGISTER_TEXTS))
    for (const said of typeof words === 'function' ? [words(1, '1', 'Kassa 1'), words(2)] : [words])
      textsOf(said[locale], `REGISTER_TEXTS.${key}.${locale}`, out, []);
  for (const status of ['active', 'inactive', 'use-ban', 'in-transfer', 'unverified'])
    textsOf(statusName(status)[locale], `statusName.${status}.${locale}`, out, []);
  return out;
}

const banned: Record<Locale, RegExp[]> = {
  fi: [/lunast/i],
  sv: [/\bsituation\b/i, /inlös/i, /lösas ut|utlösning/i],
  en: [/\bsituation\b/i, /\bfit under\b/i, /\btickets? requested\b/i, /\bredemption\b/i],
};

describe('the element’s wording', () => {
  for (const locale of ['fi', 'sv', 'en'] as const) {
    it(`${locale}: one word for each thing, no placeholder left in any text`, () => {
      const texts = allTexts(locale);
      expect(texts.length).toBeGreaterThan(100);
      const wrong = texts.filter(
        ([, text]) =>
          banned[locale].some((pattern) => pattern.test(text)) ||
          /undefined|null|NaN|\[object |\{\w+\}/.test(text),
      );
      expect(wrong).toEqual([]);
    });
  }

  it('heads the booking-or-collection choice with both choices, not a vague "situation"', () => {
    for (const t of [fi, sv, en]) {
      expect(t.mode.toLowerCase()).toContain(t.modeBooking.toLowerCase());
      expect(t.mode.toLowerCase()).toContain(t.modeCollection.toLowerCase().split(' ').at(-1));
    }
  });

  it('calls a collection by one name per language', () => {
    expect(fi.modeCollection).toMatch(/nouto/i);
    expect(sv.modeCollection).toMatch(/avhämtning/i);
    expect(en.modeCollection).toMatch(/collection/i);
  });

  // Issue 30.6: the show's start and a window's opening on one screen say the time the same way.
  it('writes a time one way per language, in the element and in the rules’ refusals', () => {
    const start = '2030-03-01T18:00:00+02:00';
    for (const locale of ['fi', 'sv', 'en'] as const) {
      const shown = formatterFor(locale).dateTime(start);
      expect(rulesMessages['collection-not-open'][locale]({ opensAt: '1.3.2030 18.00' })).toContain(shown);
      expect(rulesMessages['booking-closed'][locale]({ closesAt: '1.3.2030 18.00' })).toContain(shown);
    }
    expect(formatterFor('fi').dateTime(start)).toBe('1.3.2030 klo 18.00');
  });

  it('puts the children’s limit in lower case mid-sentence: "Lapset (enintään 2)"', () => {
    for (const l of ['fi', 'sv', 'en'] as const)
      expect(fill(CARD_TEXTS.childLimit, '2')[l]).toMatch(/^\p{Ll}/u);
  });

  // One source per label (issue 33.4): a view takes its words from a table (translations/, views/card-texts.ts,
  // messages/), not from trilingual constants or positional (fi, sv, en) strings of its own.
  it('keeps the views’ words in the tables, not in the views', () => {
    const dir = new URL('../views/', import.meta.url);
    const views = readdirSync(dir).filter((f) => /(?<!\.test)\.ts$/.test(f) && f !== 'card-texts.ts');
    const inline = views.filter((f) =>
      /\bsv: ['`]|['`][^'`\n]*[äöå][^'`\n]*['`]/i.test(readFileSync(new URL(f, dir), 'utf8')),
    );
    expect(inline).toEqual([]);
    expect(views.length).toBeGreaterThan(5);
  });

  // Issue 49.5: patterns, not strings. Each fails on a whole class of disagreement wherever it appears.
  const LOCALES = ['fi', 'sv', 'en'] as const;

  it('names the card ID as the usage report does, and by no other name', () => {
    const other = { fi: /korttinumer/i, sv: /kortnummer/i, en: /card number/i };
    for (const l of LOCALES) {
      expect({ fi, sv, en }[l].manualLabel).toBe(REPORT_COLUMN_LABELS.cardId[l]);
      expect(allTexts(l).filter(([, text]) => other[l].test(text))).toEqual([]);
    }
  });

  it('calls "this show" by one noun per language across the element and the rules', () => {
    const nouns = {
      fi: /\btähän (esityk|tapahtum|näytök)/gi,
      sv: /\b(?:den|det) här (föreställning|evenemang|show)/gi,
      en: /\bthis (show|event|performance)\b/gi,
    };
    for (const l of LOCALES) {
      const found = new Set(
        allTexts(l).flatMap(([, text]) => [...text.matchAll(nouns[l])].map((m) => m[1]!)),
      );
      expect([...found].length, `${l}: ${[...found].join(', ')}`).toBeLessThanOrEqual(1);
    }
  });

  it('ends no sentence twice: no stray double period in any text', () => {
    for (const l of LOCALES)
      expect(allTexts(l).filter(([, text]) => /(^|[^.])\.\s*\.(?!\.)/.test(text))).toEqual([]);
  });

  it('says what each shift counter counts: tickets, visits, readings, usages', () => {
    const { adults, children, groups, refused, voidedCount, queuedBadge } = CARD_TEXTS;
    for (const words of [adults, children, groups, refused, voidedCount])
      expect(words.en).toMatch(/\b(tickets|visits|readings|usages)\b/);
    expect(queuedBadge.en).toMatch(/sent/);
  });

  // Issue 47: the register on the device is the answer, never "write it on paper" (storage-quota said so).
  it('never tells the clerk to write a usage on paper', () => {
    const paper = { fi: /paperi/i, sv: /papper/i, en: /\bpaper\b/i };
    for (const l of LOCALES) {
      const storage = Object.entries(outboxMessages).map(([code, m]) => [code, m[l]({} as never)]);
      expect([...allTexts(l), ...storage].filter(([, text]) => paper[l].test(text!))).toEqual([]);
    }
  });

  it('heads a refused sign-in as one, not as "something went wrong"', () => {
    for (const t of [fi, sv, en]) expect(t.signInHeading).not.toBe(t.errorHeading);
  });
});
