/** Messages for the keyboard-wedge listener's refusals (see `wedge.ts` for the area's tables). */
import { defineMessages } from './define.js';
import { wedgeLoadMessages } from './wedge-load.js';

/** Parameters naming the keyboard layouts the host has, when known. */
type LayoutParams = { readonly hostLayouts?: string | undefined };
/** Parameters of `terminator-mismatch`: the configured and the received terminator. */
type TerminatorParams = { readonly expected: string; readonly received: string };
/** Parameters of `burst-too-short`: the length read and the minimum. */
type LengthParams = { readonly length: number; readonly minLength: number };

const MIXED = {
  fi: () => 'Lukemaan sekoittui muita näppäilyjä. Lue kortti uudelleen koskematta näppäimistöön.',
  sv: () => 'Andra tangenttryck blandades in i läsningen. Läs kortet på nytt utan att röra tangentbordet.',
  en: () => 'Other keystrokes got mixed into the reading. Scan the card again without touching the keyboard.',
} as const;

/** The listener's texts: what a page that reads cards needs before anyone calibrates a reader. */
export const wedgeListenerMessages = defineMessages({
  'layout-mismatch': {
    fi: (p: LayoutParams) =>
      `Lukijan ja tietokoneen näppäimistöasettelu eroavat${p.hostLayouts ? ` (tietokone: ${p.hostLayouts})` : ''}, eikä tunnusta voi lukea varmasti. Valitse lukijan asettelu tai kalibroi lukija lukemalla yksi kortti.`,
    sv: (p: LayoutParams) =>
      `Läsarens och datorns tangentbordslayout skiljer sig${p.hostLayouts ? ` (datorn: ${p.hostLayouts})` : ''}, så numret kan inte läsas säkert. Välj läsarens layout eller kalibrera läsaren genom att läsa ett kort.`,
    en: (p: LayoutParams) =>
      `The reader's and the computer's keyboard layouts differ${p.hostLayouts ? ` (computer: ${p.hostLayouts})` : ''}, so the ID cannot be read reliably. Set the reader's layout or calibrate by scanning one card.`,
  },
  'burst-too-short': {
    fi: (p: LengthParams) =>
      `Lukija lähetti vain ${p.length} merkkiä (vähintään ${p.minLength}). Lue kortti uudelleen.`,
    sv: (p: LengthParams) =>
      `Läsaren skickade bara ${p.length} tecken (minst ${p.minLength}). Läs kortet på nytt.`,
    en: (p: LengthParams) =>
      `The reader sent only ${p.length} characters (at least ${p.minLength}). Scan the card again.`,
  },
  'affix-missing': {
    fi: () =>
      'Lukijalle asetettu etu- tai jälkiliite puuttuu lukemasta. Tarkista lukijan asetukset tai kalibroi lukija.',
    sv: () =>
      'Läsningen saknar läsarens inställda prefix eller suffix. Kontrollera läsarens inställningar eller kalibrera den.',
    en: () =>
      "The reading lacks the reader's configured prefix or suffix. Check the reader's settings or calibrate it.",
  },
  'terminator-mismatch': {
    fi: (p: TerminatorParams) =>
      `Lukija päätti lukeman näppäimellä ${p.received}, odotettiin ${p.expected}. Muuta asetusta tai kalibroi lukija.`,
    sv: (p: TerminatorParams) =>
      `Läsaren avslutade läsningen med ${p.received}, väntat var ${p.expected}. Ändra inställningen eller kalibrera läsaren.`,
    en: (p: TerminatorParams) =>
      `The reader ended the reading with ${p.received}; ${p.expected} was expected. Change the setting or calibrate the reader.`,
  },
  'terminator-missing': {
    fi: (p: { readonly expected: string }) =>
      `Lukija ei lähettänyt lopetusnäppäintä (${p.expected}). Muuta asetusta tai kalibroi lukija.`,
    sv: (p: { readonly expected: string }) =>
      `Läsaren skickade ingen avslutande tangent (${p.expected}). Ändra inställningen eller kalibrera läsaren.`,
    en: (p: { readonly expected: string }) =>
      `The reader sent no terminating key (${p.expected}). Change the setting or calibrate the reader.`,
  },
  'mixed-input': MIXED,
  // A key after a pause where the reading could still grow into a card ID: a stall, or a person's key after it.
  'reading-interrupted': {
    fi: () => 'Lukeminen keskeytyi. Lue kortti uudelleen.',
    sv: () => 'Läsningen avbröts. Läs kortet på nytt.',
    en: () => 'The reading was interrupted. Scan the card again.',
  },
  // A doubled key where the reading could be another valid card: as for a person's key.
  'repeated-key': MIXED,
  'keys-unidentified': {
    fi: () => 'Laite ei kertonut lukijan merkkejä. Napauta tekstikenttää ja lue kortti uudelleen.',
    sv: () => 'Enheten angav inte läsarens tecken. Tryck på ett textfält och läs kortet på nytt.',
    en: () => "The device did not report the reader's characters. Tap a text field and scan again.",
  },
  'not-a-card-id': {
    fi: () => 'Luettu teksti ei ole Kaikukortin tunnus. Lue kortti uudelleen tai kirjoita tunnus.',
    sv: () => 'Den lästa texten är inte ett Kaikukortti-nummer. Läs kortet på nytt eller skriv in numret.',
    en: () => 'What was read is not a Kaikukortti card ID. Scan the card again or type the ID.',
  },
  ...wedgeLoadMessages,
});

/** A stable code the wedge listener reports through `onError`, e.g. `'not-a-card-id'`. */
export type WedgeListenerCode = keyof typeof wedgeListenerMessages;
