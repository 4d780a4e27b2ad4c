import type { LocalizedText } from '../services/types.js';

/** A count's text in every language: `#` its shown number, `{one|other}` the words that agree with it (Finnish,
 * Swedish and English: the singular is for 1 alone), `@` a name. */
const n =
  (fi: string, sv: string, en: string) =>
  (count: number, shown = String(count), name = ''): LocalizedText => {
    const say = (s: string) =>
      s
        .replace('#', shown)
        .replace('@', name)
        .replace(/\{([^|}]*)\|([^}]*)\}/g, (_, one: string, other: string) => (count === 1 ? one : other));
    return { fi: say(fi), sv: say(sv), en: say(en) };
  };

/** The register's words (registry="none", or a register kept before the API was set up), in every language. */
export const REGISTER_TEXTS = {
  badge: {
    fi: 'Ilman Kaikukantaa: käytöt tallentuvat tämän päätteen rekisteriin',
    sv: 'Utan Kaikukanta: användningarna sparas i den här terminalens register',
    en: "Without Kaikukanta: usages are kept in this terminal's register",
  },
  open: n(
    '# käyttö{|ä} viemättä Kaikukantaan.',
    '# användning{|ar} ännu inte förd{|a} till Kaikukanta.',
    '# usage{|s} not yet exported for Kaikukanta.',
  ),
  /** Nothing to export: no file is offered (it would hold no usage). */
  none: {
    fi: 'Ei vietäviä käyttöjä: tiedosto Kaikukannan tuontiin tarjotaan, kun uusia käyttöjä kirjataan.',
    sv: 'Inga användningar att föra över: filen för Kaikukantas import erbjuds när nya användningar registreras.',
    en: 'No usages to export: a file for Kaikukanta’s import is offered once new usages are recorded.',
  },
  handOver: n(
    'Tällä päätteellä on # käyttö{|ä}, jo{ka|tka} kirjattiin ilman Kaikukantaa. Lähetä {se|ne} Kaikukantaan tai lataa {se|ne} tiedostona Kaikukannan tuontiin: jompikumpi, ei molempia.',
    'Den här terminalen har # användning{|ar} som registrerades utan Kaikukanta. Skicka {den|dem} till Kaikukanta eller ladda ner {den|dem} som fil för Kaikukantas import: det ena eller det andra, aldrig båda.',
    'This terminal holds # usage{|s} recorded without Kaikukanta. Send {it|them} to Kaikukanta, or download {it|them} as a file for its import: one or the other, never both.',
  ),
  alreadyExported: n(
    '# käyttö{|ä} on jo ladattu tiedostona Kaikukannan tuontiin: {sitä|niitä} ei lähetetä, tuo se tiedosto.',
    '# användning{|ar} har redan laddats ner som fil för Kaikukantas import: {den|de} skickas inte, importera den filen.',
    '# usage{ is|s are} already in a file for Kaikukanta’s import: {it is|they are} not sent; import that file.',
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
    'Ladattu: # käyttö{|ä} tiedostossa.',
    'Nedladdat: # användning{|ar} i filen.',
    'Downloaded: # usage{|s} in the file.',
  ),
  /** API mode: this venue's register usages on the device neither sent nor exported, `@` their terminal names. */
  unsent: n(
    '# käyttö{|ä} tallessa tällä laitteella päätteen nimellä @, lähettämättä: lähetä {se|ne} sillä päätteen nimellä',
    '# användning{|ar} sparad{|e} på enheten under terminalnamnet @, inte skickad{|e}: skicka {den|dem} med det terminalnamnet',
    '# usage{|s} kept on this device under terminal name @, not sent: send {it|them} under that terminal name',
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
  /** A file usages went into, offered again while the register keeps them (its name follows). */
  downloadAgain: { fi: 'Lataa uudelleen', sv: 'Ladda ner igen', en: 'Download again' },
} as const;
