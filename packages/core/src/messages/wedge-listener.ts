import { defineTexts } from './define.js';
import { wedgeLoadMessages } from './wedge-load.js';

const MIXED = {
  fi: 'Lukemaan sekoittui muita näppäilyjä. Lue kortti uudelleen koskematta näppäimistöön.',
  sv: 'Andra tangenttryck blandades in i läsningen. Läs kortet på nytt utan att röra tangentbordet.',
  en: 'Other keystrokes got mixed into the reading. Scan the card again without touching the keyboard.',
} as const;

/** The listener's texts (see `wedge.ts`): what a page that reads cards needs before anyone calibrates a reader. */
export const wedgeListenerMessages = /* @__PURE__ */ Object.assign(
  defineTexts({
    fi: {
      'layout-mismatch': (p: { readonly hostLayouts?: string | undefined }) =>
        `Lukijan ja tietokoneen näppäimistöasettelu eroavat${p.hostLayouts ? ` (tietokone: ${p.hostLayouts})` : ''}, eikä tunnusta voi lukea varmasti. Valitse lukijan asettelu tai kalibroi lukija lukemalla yksi kortti.`,
      'burst-too-short':
        'Lukija lähetti vain {length} merkkiä (vähintään {minLength}). Lue kortti uudelleen.',
      'affix-missing':
        'Lukijalle asetettu etu- tai jälkiliite puuttuu lukemasta. Tarkista lukijan asetukset tai kalibroi lukija.',
      'terminator-mismatch':
        'Lukija päätti lukeman näppäimellä {received}, odotettiin {expected}. Muuta asetusta tai kalibroi lukija.',
      'terminator-missing':
        'Lukija ei lähettänyt lopetusnäppäintä ({expected}). Muuta asetusta tai kalibroi lukija.',
      'mixed-input': MIXED.fi,
      // A key after a pause where the reading could still grow into a card ID: a stall, or a person's key after it.
      'reading-too-slow':
        'Kortin tunnus tuli hitaammin kuin lukija sen lähettää ({medianMs} ms merkkien välillä), eikä sitä luettu. Jos se tuli lukijasta, kalibroi lukija; muuten kirjoita tunnus kortin kenttään.',
      'reading-interrupted': 'Lukeminen keskeytyi. Lue kortti uudelleen.',
      'repeated-key': MIXED.fi,
      'keys-unidentified':
        'Laite ei kertonut lukijan merkkejä. Napauta tekstikenttää ja lue kortti uudelleen.',
      'not-a-card-id': 'Luettu teksti ei ole Kaikukortin tunnus. Lue kortti uudelleen tai kirjoita tunnus.',
      // Thrown at the listener's start with its English text inline: here, out of a first download.
      'wedge-invalid-option': 'Viivakoodinlukijan asetus ei kelpaa ({fields}): tarkista arvo.',
    },
    sv: {
      'layout-mismatch': (p) =>
        `Läsarens och datorns tangentbordslayout skiljer sig${p.hostLayouts ? ` (datorn: ${p.hostLayouts})` : ''}, så numret kan inte läsas säkert. Välj läsarens layout eller kalibrera läsaren genom att läsa ett kort.`,
      'burst-too-short': 'Läsaren skickade bara {length} tecken (minst {minLength}). Läs kortet på nytt.',
      'affix-missing':
        'Läsningen saknar läsarens inställda prefix eller suffix. Kontrollera läsarens inställningar eller kalibrera den.',
      'terminator-mismatch':
        'Läsaren avslutade läsningen med {received}, väntat var {expected}. Ändra inställningen eller kalibrera läsaren.',
      'terminator-missing':
        'Läsaren skickade ingen avslutande tangent ({expected}). Ändra inställningen eller kalibrera läsaren.',
      'mixed-input': MIXED.sv,
      'reading-too-slow':
        'Ett kortnummer kom långsammare än en läsare skickar det ({medianMs} ms mellan tecknen) och lästes inte. Kom det från en läsare, kalibrera läsaren; skriv annars numret i kortfältet.',
      'reading-interrupted': 'Läsningen avbröts. Läs kortet på nytt.',
      'repeated-key': MIXED.sv,
      'keys-unidentified':
        'Enheten angav inte läsarens tecken. Tryck på ett textfält och läs kortet på nytt.',
      'not-a-card-id':
        'Den lästa texten är inte ett Kaikukortti-nummer. Läs kortet på nytt eller skriv in numret.',
      'wedge-invalid-option': 'Streckkodsläsarens inställning är ogiltig ({fields}): kontrollera värdet.',
    },
    en: {
      'layout-mismatch': (p) =>
        `The reader's and the computer's keyboard layouts differ${p.hostLayouts ? ` (computer: ${p.hostLayouts})` : ''}, so the ID cannot be read reliably. Set the reader's layout or calibrate by scanning one card.`,
      'burst-too-short':
        'The reader sent only {length} characters (at least {minLength}). Scan the card again.',
      'affix-missing':
        "The reading lacks the reader's configured prefix or suffix. Check the reader's settings or calibrate it.",
      'terminator-mismatch':
        'The reader ended the reading with {received}; {expected} was expected. Change the setting or calibrate the reader.',
      'terminator-missing':
        'The reader sent no terminating key ({expected}). Change the setting or calibrate the reader.',
      'mixed-input': MIXED.en,
      'reading-too-slow':
        'A card ID came in more slowly than a reader sends one ({medianMs} ms between characters) and was not read. If it came from a reader, calibrate the reader; otherwise type the ID in the card field.',
      'reading-interrupted': 'The reading was interrupted. Scan the card again.',
      'repeated-key': MIXED.en,
      'keys-unidentified':
        "The device did not report the reader's characters. Tap a text field and scan again.",
      'not-a-card-id': 'What was read is not a Kaikukortti card ID. Scan the card again or type the ID.',
      'wedge-invalid-option': 'Invalid barcode reader setting ({fields}): check its value.',
    },
  }),
  wedgeLoadMessages,
);

/** A stable code the wedge listener reports through `onError`, e.g. `'not-a-card-id'`. */
export type WedgeListenerCode = keyof typeof wedgeListenerMessages;
