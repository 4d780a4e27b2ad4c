// registry="venue": usages go to the venue's register, so no text may say they went to (or that the answer came
// from) Kaikukanta. Every base text naming Kaikukanta as the target needs a venue text; Kaikukanta's import file and
// form stay named (the venue still hands its usages to Kaikukanta).
import { describe, expect, it } from 'vitest';
import { CARD_TEXTS } from '../views/card-texts.js';
import { serviceMessages } from '../messages/late-texts.js';
import { render } from '../messages/index.js';
import { settingProblems, type ConfigProperties } from '../services/config-check.js';
import { apiMessages, outboxMessages, rulesMessages } from '@kaiku-scanner/core/messages';
import { cardIdMessages } from '@kaiku-scanner/core/base';
import { STAYS_KAIKUKANTA, VENUE_CARD_TEXTS, VENUE_MESSAGES, VENUE_TRANSLATION } from './venue-texts.js';
import { venueView, venueWords } from './venue-texts.js';
import { en } from './en.js';
import { fi } from './fi.js';
import { sv } from './sv.js';

const LOCALES = ['fi', 'sv', 'en'] as const;
const BASE = { fi, sv, en };

/** Kaikukanta named as what it stays: the import's file, its form. */
const STAYS =
  /Kaikukann?an (tuontiin|lomakkeella)|Kaikukantas (import|formulär)|Kaikukanta[’']s (import|form)/g;
const namesTarget = (text: string): boolean => /Kaikukan/.test(text.replace(STAYS, ''));

/** Codes never shown with registry="venue", each with why. */
const NOT_SHOWN: Record<string, string> = {
  'element-not-configured': 'a venue without base-url is refused by the settings check, naming base-url',
  'storage-evicted-register': 'registry="none" only',
  'storage-not-persisted-register': 'registry="none" only',
};

/** A view in `l` as the element makes it, without the venue's words (no formatter: no view here formats). */
const viewIn = (l: (typeof LOCALES)[number]) => ({
  t: BASE[l],
  fmt: undefined as never,
  text: (m: Record<(typeof LOCALES)[number], string>) => m[l],
  late: () => undefined,
  id: (c: string) => c,
});

const messageTexts = (message: unknown): string[] =>
  [1, 2].flatMap((n) => Object.values(render(message, { n })));

describe('the venue register’s words (registry="venue")', () => {
  it('override only keys the base has', () => {
    for (const l of LOCALES)
      expect(
        Object.keys(VENUE_TRANSLATION[l]).filter((k) => !(k in BASE[l])),
        l,
      ).toEqual([]);
    expect(Object.keys(VENUE_CARD_TEXTS).filter((k) => !(k in CARD_TEXTS))).toEqual([]);
    expect(Object.keys(VENUE_MESSAGES).filter((k) => !(k in serviceMessages))).toEqual([]);
  });

  it('override every base text naming Kaikukanta as the target, in every language', () => {
    for (const l of LOCALES) {
      const missing = Object.entries(BASE[l])
        .filter(([, text]) => typeof text === 'string' && namesTarget(text))
        .filter(([key]) => !(key in VENUE_TRANSLATION[l]));
      expect(missing, l).toEqual([]);
    }
    const cards = Object.entries(CARD_TEXTS).filter(
      ([key, text]) => LOCALES.some((l) => namesTarget(text[l])) && !(key in VENUE_CARD_TEXTS),
    );
    expect(cards).toEqual([]);
    const codes = Object.entries(serviceMessages).filter(
      ([code, message]) =>
        messageTexts(message).some(namesTarget) && !(code in VENUE_MESSAGES) && !(code in NOT_SHOWN),
    );
    expect(codes).toEqual([]);
  });

  it('never name Kaikukanta as the target themselves, and are said in every language', () => {
    const texts = [
      ...LOCALES.flatMap((l) => Object.values(VENUE_TRANSLATION[l]) as string[]),
      ...Object.values(VENUE_CARD_TEXTS).flatMap((t) => Object.values(t!)),
      ...Object.values(VENUE_MESSAGES).flatMap(messageTexts),
    ];
    expect(texts.filter(namesTarget)).toEqual([]);
    expect(texts.filter((t) => !/paikan rekister|platsens register|venue register/i.test(t))).toEqual([]);
    for (const l of LOCALES)
      expect(Object.keys(VENUE_TRANSLATION[l]).sort()).toEqual(Object.keys(VENUE_TRANSLATION.fi).sort());
  });

  it('reach the view: its strings, the later views’ words and the storage notices', () => {
    const v = venueView(viewIn('sv'), 'sv');
    expect(v.t.registeredHeading).toBe('Registrerad i platsens register');
    expect(v.t.title).toBe(sv.title);
    expect(v.text(CARD_TEXTS.registryTally)).toBe('Platsens registers räkning (alla terminaler)');
    expect(v.text(CARD_TEXTS.cardHeading)).toBe('Kort');
    expect(v.late('storage-evicted', { n: 2 })?.en).toContain('2 usages not yet sent to the venue register');
    expect(v.late('storage-not-persisted')).toBeUndefined();
  });
});

describe('the venue register’s words over every code’s text (core’s too)', () => {
  const known: Record<string, unknown> = {
    status: 503,
    problemCode: 'x',
    host: 'register.example',
    timeoutMs: 8000,
    n: 2,
  };
  // Any other parameter a text asks for: a time as the rules write them.
  const params = new Proxy(known, { get: (t, k: string) => (k in t ? t[k] : '5.12.2026 18.00') }) as never;
  // The screens a venue's clerk can meet: the terminal's sending and undo, the answers, the rules.
  const tables = { ...apiMessages, ...outboxMessages, ...rulesMessages, ...cardIdMessages };

  it('never name Kaikukanta as where usages go or who answers, in any language; the registry’s facts stay', () => {
    for (const l of LOCALES) {
      const v = venueView(viewIn(l), l);
      const left = Object.entries(tables)
        .map(([code, message]) => [code, v.text(render(message, params))] as const)
        .filter(([, text]) => namesTarget(text.replace(STAYS_KAIKUKANTA, '')));
      expect(left, l).toEqual([]);
    }
  });

  it('in each language’s case, a sentence starting in upper case', () => {
    const v = (l: 'fi' | 'sv' | 'en') => venueView(viewIn(l), l);
    const say = (l: 'fi' | 'sv' | 'en', code: keyof typeof tables) => v(l).text(render(tables[code], params));
    expect(say('en', 'network')).toBe('The venue register cannot be reached. Check the network connection.');
    expect(say('en', 'http-401')).toBe(
      'The venue register sign-in is missing or has expired. Sign in again.',
    );
    expect(say('en', 'missing-result')).toBe(
      "The venue register's answer did not cover every usage. Those stay queued and will be sent again.",
    );
    expect(say('fi', 'network')).toBe('Paikan rekisteriin ei saada yhteyttä. Tarkista verkkoyhteys.');
    expect(say('fi', 'usage-not-found')).toBe(
      'Käyttöä ei löydy paikan rekisteristä, joten sitä ei voi perua.',
    );
    expect(say('fi', 'http-5xx')).toBe(
      'Paikan rekisterissä on häiriö (HTTP 503). Yritä hetken kuluttua uudelleen.',
    );
    expect(say('sv', 'usage-not-found')).toBe(
      'Användningen finns inte i platsens register och kan därför inte ångras.',
    );
    expect(say('sv', 'void-unverified')).toContain('bekräfta i platsens register');
    // What Kaikukanta keeps: the card registry's facts.
    expect(say('en', 'card-inactive')).toBe('The card is not active in Kaikukanta.');
    expect(say('fi', 'legacy-code')).toContain('rekisteröity Kaikukantaan');
    expect(venueWords('Kaikukanta', 'sv')).toBe('Platsens register');
  });
});

describe('registry="venue" settings', () => {
  const settings = (p: Record<string, unknown>) =>
    settingProblems({ shows: [], ...p } as unknown as ConfigProperties).map((f) => f.setting);

  it('takes "venue", and still refuses an unknown registry by name', () => {
    expect(settings({ registry: 'venue', baseUrl: 'http://x', terminalName: 'Kassa 1' })).toEqual([]);
    expect(settings({ registry: 'venues', baseUrl: 'http://x', terminalName: 'Kassa 1' })).toEqual([
      'registry',
    ]);
  });

  it('needs terminal-name and base-url (or injected services)', () => {
    expect(settings({ registry: 'venue', baseUrl: 'http://x' })).toEqual(['terminal-name']);
    expect(settings({ registry: 'venue', terminalName: 'Kassa 1' })).toEqual(['base-url']);
    expect(settings({ registry: 'venue', terminalName: 'Kassa 1', services: {} })).toEqual([]);
    expect(settings({ registry: 'kaikukanta' })).toEqual([]);
  });
});
