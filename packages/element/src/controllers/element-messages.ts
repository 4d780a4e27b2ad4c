import type { LocalizedText } from './services.js';

/** Codes only the element produces (the core's registry has the rest), each in every language. */
const table = {
  'element-not-configured': {
    fi: 'Skanneria ei ole yhdistetty Kaikukantaan (base-url puuttuu). Pyydä ylläpitäjää tarkistamaan asetukset; kirjaa käyttö sillä välin paperille.',
    sv: 'Skannern är inte kopplad till Kaikukanta (base-url saknas). Be administratören kontrollera inställningarna; anteckna användningen på papper så länge.',
    en: 'The scanner is not connected to Kaikukanta (base-url is missing). Ask your administrator to check the settings; meanwhile write the usage down on paper.',
  },
  'group-duplicate': {
    fi: 'Tämä kortti on jo ryhmässä. Lue seuraavan ryhmäläisen kortti.',
    sv: 'Kortet finns redan i gruppen. Läs nästa gruppmedlems kort.',
    en: 'This card is already in the group. Scan the next member’s card.',
  },
  unexpected: {
    fi: 'Odottamaton virhe. Yritä uudelleen; jos vika jatkuu, kirjaa käyttö paperille.',
    sv: 'Oväntat fel. Försök igen; om felet kvarstår, anteckna användningen på papper.',
    en: 'Unexpected error. Try again; if it keeps happening, write the usage down on paper.',
  },
} satisfies Record<string, LocalizedText>;

export const elementMessages: Readonly<Record<string, LocalizedText | undefined>> = table;
/** The generic text for anything unforeseen: still says what to do. */
export const UNEXPECTED: LocalizedText = table.unexpected;
