import type { LocalizedText } from '../services/types.js';

/** One and more of a count, `#` its shown number (Finnish, Swedish and English: the singular is for 1 alone). */
type Forms = readonly [one: string, other: string];
const n =
  (fi: Forms, sv: Forms, en: Forms) =>
  (count: number, shown = String(count)): LocalizedText => {
    const pick = ([one, other]: Forms) => (count === 1 ? one : other).replace('#', shown);
    return { fi: pick(fi), sv: pick(sv), en: pick(en) };
  };

/** The register's words (registry="none", or a register kept before the API was set up), in every language. */
export const REGISTER_TEXTS = {
  badge: {
    fi: 'Ilman Kaikukantaa: käytöt tallentuvat tämän päätteen rekisteriin',
    sv: 'Utan Kaikukanta: användningarna sparas i den här terminalens register',
    en: "Without Kaikukanta: usages are kept in this terminal's register",
  },
  open: n(
    ['# käyttö viemättä Kaikukantaan.', '# käyttöä viemättä Kaikukantaan.'],
    ['# användning ännu inte förd till Kaikukanta.', '# användningar ännu inte förda till Kaikukanta.'],
    ['# usage not yet exported for Kaikukanta.', '# usages not yet exported for Kaikukanta.'],
  ),
  /** Nothing to export: no file is offered (it would hold no usage). */
  none: {
    fi: 'Ei vietäviä käyttöjä: tiedosto Kaikukannan tuontiin tarjotaan, kun uusia käyttöjä kirjataan.',
    sv: 'Inga användningar att föra över: filen för Kaikukantas import erbjuds när nya användningar registreras.',
    en: 'No usages to export: a file for Kaikukanta’s import is offered once new usages are recorded.',
  },
  handOver: n(
    [
      'Tällä päätteellä on # käyttö, joka kirjattiin ilman Kaikukantaa. Lähetä se Kaikukantaan tai lataa se tiedostona Kaikukannan tuontiin: jompikumpi, ei molempia.',
      'Tällä päätteellä on # käyttöä, jotka kirjattiin ilman Kaikukantaa. Lähetä ne Kaikukantaan tai lataa ne tiedostona Kaikukannan tuontiin: jompikumpi, ei molempia.',
    ],
    [
      'Den här terminalen har # användning som registrerades utan Kaikukanta. Skicka den till Kaikukanta eller ladda ner den som fil för Kaikukantas import: det ena eller det andra, aldrig båda.',
      'Den här terminalen har # användningar som registrerades utan Kaikukanta. Skicka dem till Kaikukanta eller ladda ner dem som fil för Kaikukantas import: det ena eller det andra, aldrig båda.',
    ],
    [
      'This terminal holds # usage recorded without Kaikukanta. Send it to Kaikukanta, or download it as a file for its import: one or the other, never both.',
      'This terminal holds # usages recorded without Kaikukanta. Send them to Kaikukanta, or download them as a file for its import: one or the other, never both.',
    ],
  ),
  alreadyExported: n(
    [
      '# käyttö on jo ladattu tiedostona Kaikukannan tuontiin: sitä ei lähetetä, tuo se tiedosto.',
      '# käyttöä on jo ladattu tiedostona Kaikukannan tuontiin: niitä ei lähetetä, tuo se tiedosto.',
    ],
    [
      '# användning har redan laddats ner som fil för Kaikukantas import: den skickas inte, importera den filen.',
      '# användningar har redan laddats ner som fil för Kaikukantas import: de skickas inte, importera den filen.',
    ],
    [
      '# usage is already in a file for Kaikukanta’s import: it is not sent; import that file.',
      '# usages are already in a file for Kaikukanta’s import: they are not sent; import that file.',
    ],
  ),
  howTo: {
    fi: 'Tiedosto sisältää viemättömät käytöt (kortin tunnus, aikuinen, lapset, esitys ja päivä). Tuo se Kaikukantaan sen tuontitoiminnolla; seuraava lataus ei toista niitä.',
    sv: 'Filen innehåller användningarna som ännu inte förts över (kortets kod, vuxen, barn, föreställning och datum). Importera den i Kaikukanta; nästa nedladdning upprepar dem inte.',
    en: 'The file holds the usages not yet exported (card ID, adult, children, show and date). Import it in Kaikukanta with its import function; the next download does not repeat them.',
  },
  // A download to this device, for Kaikukanta's import: nothing is uploaded anywhere.
  csv: {
    fi: 'Lataa tiedosto Kaikukannan tuontiin (CSV)',
    sv: 'Ladda ner fil för Kaikukantas import (CSV)',
    en: 'Download a file for Kaikukanta’s import (CSV)',
  },
  xlsx: {
    fi: 'Lataa tiedosto Kaikukannan tuontiin (Excel)',
    sv: 'Ladda ner fil för Kaikukantas import (Excel)',
    en: 'Download a file for Kaikukanta’s import (Excel)',
  },
  send: { fi: 'Lähetä Kaikukantaan', sv: 'Skicka till Kaikukanta', en: 'Send to Kaikukanta' },
  exported: n(
    ['Ladattu: # käyttö tiedostossa.', 'Ladattu: # käyttöä tiedostossa.'],
    ['Nedladdat: # användning i filen.', 'Nedladdat: # användningar i filen.'],
    ['Downloaded: # usage in the file.', 'Downloaded: # usages in the file.'],
  ),
  /** The result of a usage kept in the register: on this terminal, not (yet) in Kaikukanta. */
  recorded: {
    fi: 'Tallennettu tälle päätteelle',
    sv: 'Sparat på den här terminalen',
    en: 'Recorded on this terminal',
  },
  recordedDetail: {
    fi: 'Anna lippu. Käyttö ei ole vielä Kaikukannassa: se viedään sinne tiedostona Kaikukannan tuontiin.',
    sv: 'Ge biljetten. Användningen finns ännu inte i Kaikukanta: den förs dit som fil för Kaikukantas import.',
    en: 'Give the ticket. The usage is not in Kaikukanta yet: it goes there in a file for Kaikukanta’s import.',
  },
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
