// registry="venue": the usages go to the venue's own register server, not to Kaikukanta, so every text naming
// Kaikukanta as where they go or who answers names the venue register instead. Loaded only with that registry
// (translations/index.ts, `venueWording`); texts about Kaikukanta's import file or its form stay as they are.
import { defineTexts, type MessageParams } from '@kaiku-scanner/core/base';
import { render } from '../messages/index.js';
import { CARD_TEXTS } from '../views/card-texts.js';
import type { LocalizedText } from '../services/types.js';
import type { ViewContext } from '../views/view-context.js';
import type { Translation, UiLocale } from './index.js';

/** Over the first download's words (`Translation`), per language. */
export const VENUE_TRANSLATION: Readonly<Record<UiLocale, Partial<Translation>>> = {
  fi: {
    registeredHeading: 'Kirjattu paikan rekisteriin',
    queuedDetail:
      'Anna lippu. Käyttö on tallessa tällä laitteella ja lähetetään paikan rekisteriin automaattisesti.',
    refusedLaterHeading: 'Paikan rekisteri ei hyväksynyt käyttöä',
    signInFailed: 'Kirjautuminen paikan rekisteriin ei kelpaa – käytöt odottavat',
    notConfigured: 'Paikan rekisteriä ei ole määritetty',
    unreachable: 'Paikan rekisteri ei vastaa',
    connectionUnknown: 'Yhteyttä paikan rekisteriin ei ole vielä tarkistettu',
  },
  sv: {
    registeredHeading: 'Registrerad i platsens register',
    queuedDetail:
      'Ge biljetten. Användningen är sparad på den här enheten och skickas automatiskt till platsens register.',
    refusedLaterHeading: 'Platsens register godkände inte användningen',
    signInFailed: 'Inloggningen till platsens register godtas inte – användningarna väntar',
    notConfigured: 'Platsens register är inte inställt',
    unreachable: 'Platsens register svarar inte',
    connectionUnknown: 'Anslutningen till platsens register är inte kontrollerad än',
  },
  en: {
    registeredHeading: 'Recorded in the venue register',
    queuedDetail:
      'Hand out the ticket. The usage is stored on this device and sent to the venue register automatically.',
    refusedLaterHeading: 'The venue register did not accept the usage',
    signInFailed: 'Venue register sign-in not accepted – usages are waiting',
    notConfigured: 'The venue register is not configured',
    unreachable: 'The venue register is not answering',
    connectionUnknown: 'Connection to the venue register not checked yet',
  },
};

/** Over the later views' words (`CARD_TEXTS`). */
export const VENUE_CARD_TEXTS: Readonly<Partial<Record<keyof typeof CARD_TEXTS, LocalizedText>>> = {
  fromCache: {
    fi: 'Paikan rekisteriin ei saada yhteyttä, joten tiedot ovat tälle laitteelle aiemmin tallennetut.',
    sv: 'Platsens register kan inte nås, så uppgifterna är de som tidigare sparats på den här enheten.',
    en: 'The venue register cannot be reached, so these are the details stored earlier on this device.',
  },
  unverified: {
    fi: 'Korttia ei voitu tarkistaa paikan rekisteristä (ei yhteyttä), eikä siitä ole tallennettuja tietoja. Lasten lippuja ei voi antaa, koska alaikäisten lasten määrää ei tiedetä. Käyttö kirjataan alustavana ja tarkistetaan, kun yhteys palaa.',
    sv: 'Kortet kunde inte kontrolleras i platsens register (ingen förbindelse) och inga uppgifter om det finns sparade. Barnbiljetter kan inte ges eftersom antalet minderåriga barn inte är känt. Användningen registreras preliminärt och kontrolleras när förbindelsen är tillbaka.',
    en: 'The card could not be checked in the venue register (no connection), and nothing about it is stored here. No child tickets can be given, as the number of minors is unknown. The usage is recorded as provisional and checked when the connection returns.',
  },
  voidQueued: {
    fi: 'Peruminen lähetetään paikan rekisteriin, kun yhteys palaa',
    sv: 'Ångringen skickas till platsens register när förbindelsen är tillbaka',
    en: 'The undo is sent to the venue register when the connection returns',
  },
  registryTally: {
    fi: 'Paikan rekisterin laskuri (kaikki päätteet)',
    sv: 'Platsens registers räkning (alla terminaler)',
    en: "The venue register's count (all terminals)",
  },
};

/** Over the services' codes (`serviceMessages`): the storage notices. Lost usages still go in Kaikukanta's form. */
export const VENUE_MESSAGES = defineTexts({
  fi: {
    'storage-blocked':
      'Selain ei anna tallentaa tälle laitteelle (sivuston tiedot estetty tai yksityinen ikkuna). Käytöt kirjataan vain, kun paikan rekisteri vastaa: ilman yhteyttä niitä ei voi tallentaa myöhemmin lähetettäviksi.',
    'storage-evicted': ({ n }: { n: number }) =>
      `Selain on tyhjentänyt tämän laitteen tallennustilan: ${n === 1 ? '1 käyttö, jota ei ollut vielä lähetetty paikan rekisteriin, katosi' : `${n} käyttöä, joita ei ollut vielä lähetetty paikan rekisteriin, katosi`}. Ne eivät ole paikan rekisterissä: kirjaa ne Kaikukannan lomakkeella tulostetusta vuororaportista tai lipunmyynnin tiedoista.`,
  },
  sv: {
    'storage-blocked':
      'Webbläsaren tillåter inte lagring på den här enheten (webbplatsdata blockerade eller privat fönster). Användningar registreras bara när platsens register svarar: utan anslutning kan de inte sparas för att skickas senare.',
    'storage-evicted': ({ n }) =>
      `Webbläsaren har tömt enhetens lagring: ${n} ${n === 1 ? 'användning' : 'användningar'} som ännu inte hade skickats till platsens register gick förlorade. De finns inte i platsens register: registrera dem med Kaikukantas formulär utifrån den utskrivna skiftrapporten eller biljettförsäljningens uppgifter.`,
  },
  en: {
    'storage-blocked':
      'The browser does not allow storage on this device (site data blocked, or a private window). Usages are registered only while the venue register answers: without a connection they cannot be saved to send later.',
    'storage-evicted': ({ n }) =>
      `The browser cleared this device's storage: ${n} ${n === 1 ? 'usage' : 'usages'} not yet sent to the venue register ${n === 1 ? 'was' : 'were'} lost. They are not in the venue register: enter them in Kaikukanta's form from the printed shift report or your ticket sales.`,
  },
});

/**
 * What stays Kaikukanta's in any text: the card registry's facts (a card registered or active there, its registered
 * children) and the import file and form the venue still hands its usages over with.
 */
export const STAYS_KAIKUKANTA =
  /Kaikukann?an (tuontiin|lomakkeella)|Kaikukantas (import|formulär)|Kaikukanta[’']s (import|form)|rekisteröity Kaikukantaan|Kaikukantaan on rekisteröity|aktiivinen Kaikukannassa|(registrerat|registrerade|aktivt) i Kaikukanta|(registered|active) in Kaikukanta/g;

/** Kaikukanta's name, as each language inflects it, and the venue register's in the same case. */
const INFLECTED: Readonly<Record<UiLocale, readonly (readonly [RegExp, string])[]>> = {
  fi: [
    [/Kaikukantaan/g, 'paikan rekisteriin'],
    [/Kaikukannassa/g, 'paikan rekisterissä'],
    [/Kaikukannasta/g, 'paikan rekisteristä'],
    [/Kaikukannan/g, 'paikan rekisterin'],
    [/Kaikukanta/g, 'paikan rekisteri'],
  ],
  sv: [
    [/Kaikukantas/g, 'platsens registers'],
    [/Kaikukanta/g, 'platsens register'],
  ],
  en: [[/\b(?:the )?Kaikukanta(?=[’']s\b|\b)/gi, 'the venue register']],
};

/** A sentence's first letter in upper case: "paikan rekisteri ei vastaa" → "Paikan rekisteri ei vastaa". */
const atStart = (text: string, at: number): boolean => at === 0 || /[.!?:]\s+$/.test(text.slice(0, at));

/**
 * `text` with Kaikukanta named as where usages go or who answers turned into the venue register, in the language's
 * case (what stays Kaikukanta's, `STAYS_KAIKUKANTA`, is left): one rule for every code's text, core's included.
 */
export function venueWords(text: string, locale: UiLocale): string {
  const kept: string[] = [];
  let out = text.replace(STAYS_KAIKUKANTA, (m) => `\uE000${kept.push(m) - 1}\uE000`);
  for (const [name, words] of INFLECTED[locale])
    out = out.replace(name, (_m: string, at: number, whole: string) =>
      atStart(whole, at) ? words[0]!.toUpperCase() + words.slice(1) : words,
    );
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)]!);
}

const reworded = (m: LocalizedText): LocalizedText => ({
  fi: venueWords(m.fi, 'fi'),
  sv: venueWords(m.sv, 'sv'),
  en: venueWords(m.en, 'en'),
});

const cardTexts = new Map<LocalizedText, LocalizedText>(
  Object.entries(VENUE_CARD_TEXTS).map(([key, text]) => [CARD_TEXTS[key as keyof typeof CARD_TEXTS], text]),
);

/** `v` with the venue register's words over Kaikukanta's: its strings, the later views' and the storage notices. */
export function venueView(v: ViewContext, locale: UiLocale): ViewContext {
  const own = VENUE_MESSAGES as Readonly<Record<string, unknown>>;
  return {
    ...v,
    t: { ...v.t, ...VENUE_TRANSLATION[locale] },
    text: (m) => v.text(cardTexts.get(m) ?? reworded(m)),
    late: (code: string, params?: MessageParams) => {
      if (code in own) return render(own[code], params);
      const base = v.late(code, params);
      return base && reworded(base);
    },
  };
}
