import type { LocalizedText } from '../services/types.js';

const n =
  (fi: string, sv: string, en: string) =>
  (count: string): LocalizedText => ({
    fi: fi.replace('#', count),
    sv: sv.replace('#', count),
    en: en.replace('#', count),
  });

/** The register's words (registry="none", or a register kept before the API was set up), in every language. */
export const REGISTER_TEXTS = {
  badge: {
    fi: 'Ilman Kaikukantaa: käytöt tallentuvat tämän päätteen rekisteriin',
    sv: 'Utan Kaikukanta: användningarna sparas i den här terminalens register',
    en: "Without Kaikukanta: usages are kept in this terminal's register",
  },
  open: n(
    '# käyttöä viemättä Kaikukantaan.',
    '# användningar ännu inte förda till Kaikukanta.',
    '# usages not yet exported for Kaikukanta.',
  ),
  handOver: n(
    'Tällä päätteellä on # käyttöä, jotka kirjattiin ilman Kaikukantaa. Lähetä ne Kaikukantaan tai lataa ne tiedostona Kaikukannan tuontiin: jompikumpi, ei molempia.',
    'Den här terminalen har # användningar som registrerades utan Kaikukanta. Skicka dem till Kaikukanta eller ladda ner dem som fil för Kaikukantas import: det ena eller det andra, aldrig båda.',
    'This terminal holds # usages recorded without Kaikukanta. Send them to Kaikukanta, or download them as a file for its import: one or the other, never both.',
  ),
  alreadyExported: n(
    '# käyttöä on jo ladattu tiedostona Kaikukannan tuontiin: niitä ei lähetetä, tuo se tiedosto.',
    '# användningar har redan laddats ner som fil för Kaikukantas import: de skickas inte, importera den filen.',
    '# usages are already in a file for Kaikukanta’s import: they are not sent; import that file.',
  ),
  howTo: {
    fi: 'Tiedosto sisältää viemättömät käytöt (kortin tunnus, aikuinen, lapset, esitys ja päivä). Tuo se Kaikukantaan sen tuontitoiminnolla; seuraava lataus ei toista niitä.',
    sv: 'Filen innehåller användningarna som ännu inte förts över (kortets kod, vuxen, barn, föreställning och datum). Importera den i Kaikukanta; nästa nedladdning upprepar dem inte.',
    en: 'The file holds the usages not yet exported (card ID, adult, children, show and date). Import it in Kaikukanta with its import function; the next download does not repeat them.',
  },
  csv: {
    fi: 'Lataa Kaikukantaan (CSV)',
    sv: 'Ladda ner för Kaikukanta (CSV)',
    en: 'Download for Kaikukanta (CSV)',
  },
  xlsx: {
    fi: 'Lataa Kaikukantaan (Excel)',
    sv: 'Ladda ner för Kaikukanta (Excel)',
    en: 'Download for Kaikukanta (Excel)',
  },
  send: { fi: 'Lähetä Kaikukantaan', sv: 'Skicka till Kaikukanta', en: 'Send to Kaikukanta' },
  exported: n(
    'Ladattu: # käyttöä tiedostossa.',
    'Nedladdat: # användningar i filen.',
    'Downloaded: # usages in the file.',
  ),
  countedHere: {
    fi: 'laskettu tällä päätteellä',
    sv: 'räknat på den här terminalen',
    en: 'counted on this terminal',
  },
  unchecked: {
    fi: 'Korttia ei tarkisteta Kaikukannasta tässä tilassa: anna lasten liput kortissa mainitun määrän mukaan.',
    sv: 'Kortet kontrolleras inte i Kaikukanta i det här läget: ge barnbiljetter enligt antalet på kortet.',
    en: 'The card is not checked against Kaikukanta in this mode: give child tickets by the number the card lists.',
  },
} as const;
