import type { LocalizedText } from './services.js';

/** Codes only the element produces that its first download needs (the services raise the rest: element-late-messages.ts). */
const table = {
  'element-load-failed': {
    fi: 'Osa skannerin ohjelmasta ei latautunut (verkkokatko?). Tarkista yhteys ja yritä uudelleen; kirjaa käyttö sillä välin paperille.',
    sv: 'En del av skannerns program laddades inte (nätverksavbrott?). Kontrollera anslutningen och försök igen; anteckna användningen på papper så länge.',
    en: 'Part of the scanner’s program did not load (network down?). Check the connection and try again; meanwhile write the usage down on paper.',
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
/** A community card's group already holds the card just read. */
export const GROUP_DUPLICATE: LocalizedText = table['group-duplicate'];
