import type { LocalizedText } from '../services/types.js';

/**
 * The card panel's words, loaded with it (not in the first download): its headings, labels and buttons.
 */
export const CARD_TEXTS = {
  cardKind: { fi: 'Korttityyppi', sv: 'Korttyp', en: 'Card type' },
  kindClient: { fi: 'Asiakaskortti', sv: 'Klientkort', en: 'Client card' },
  kindCommunity: { fi: 'Yhteisökortti', sv: 'Gemenskapskort', en: 'Community card' },
  status: { fi: 'Tila', sv: 'Status', en: 'Status' },
  validUntil: { fi: 'Voimassa', sv: 'Giltigt till', en: 'Valid until' },
  minors: { fi: 'Alaikäisiä lapsia', sv: 'Minderåriga barn', en: 'Registered minors' },
  ticketsHeading: { fi: 'Liput', sv: 'Biljetter', en: 'Tickets' },
  adultTickets: { fi: 'Aikuinen', sv: 'Vuxen', en: 'Adult' },
  adultNote: {
    fi: 'Aina yksi aikuisen lippu korttia kohti.',
    sv: 'Alltid en vuxenbiljett per kort.',
    en: 'Always one adult ticket per card.',
  },
  childTickets: { fi: 'Lapset', sv: 'Barn', en: 'Children' },
  childNoneCourse: {
    fi: 'Kurssipaikkoja ei anneta lapsille.',
    sv: 'Kursplatser ges inte till barn.',
    en: 'Course places are not given to children.',
  },
  groupHint: {
    fi: 'Lue tai kirjoita jokaisen 16 vuotta täyttäneen ryhmäläisen oma kortti.',
    sv: 'Läs eller skriv in varje gruppmedlems eget kort (alla som fyllt 16).',
    en: "Scan or type each group member's own card (everyone aged 16 or over).",
  },
  groupAdd: { fi: 'Lisää ryhmään', sv: 'Lägg till i gruppen', en: 'Add to group' },
  groupMemberLabel: {
    fi: 'Ryhmäläisen kortin tunnus',
    sv: 'Gruppmedlemmens kortnummer',
    en: "Group member's card ID",
  },
  memberUnverified: { fi: 'ei tarkistettu', sv: 'inte kontrollerat', en: 'not verified' },
  groupEmpty: {
    fi: 'Ryhmässä ei vielä ole ketään.',
    sv: 'Ingen i gruppen ännu.',
    en: 'No one in the group yet.',
  },
  confirm: { fi: 'Kirjaa käyttö', sv: 'Registrera användningen', en: 'Register usage' },
  cancel: { fi: 'Peruuta', sv: 'Avbryt', en: 'Cancel' },
  under16: { fi: 'Alle 16-vuotiaat asiakkaat', sv: 'Klienter under 16 år', en: 'Clients under 16' },
  exportCsv: { fi: 'Lataa raportti (CSV)', sv: 'Ladda ner rapport (CSV)', en: 'Download report (CSV)' },
} as const satisfies Record<string, LocalizedText>;

/** The card panel's and the needs-attention list's words that take a value. */
export const CARD_PHRASES = {
  childLimit: (max: string): LocalizedText => ({
    fi: `enintään ${max}`,
    sv: `högst ${max}`,
    en: `at most ${max}`,
  }),
  decrease: (what: string): LocalizedText => ({
    fi: `Vähennä: ${what}`,
    sv: `Minska: ${what}`,
    en: `Decrease: ${what}`,
  }),
  increase: (what: string): LocalizedText => ({
    fi: `Lisää: ${what}`,
    sv: `Öka: ${what}`,
    en: `Increase: ${what}`,
  }),
  groupRemove: (id: string): LocalizedText => ({
    fi: `Poista ${id} ryhmästä`,
    sv: `Ta bort ${id} ur gruppen`,
    en: `Remove ${id} from the group`,
  }),
  totalTickets: (n: string): LocalizedText => ({
    fi: n === '1' ? 'Yhteensä 1 lippu' : `Yhteensä ${n} lippua`,
    sv: n === '1' ? 'Sammanlagt 1 biljett' : `Sammanlagt ${n} biljetter`,
    en: n === '1' ? '1 ticket in total' : `${n} tickets in total`,
  }),
  resolve: (id: string): LocalizedText => ({
    fi: `Merkitse käsitellyksi: ${id}`,
    sv: `Markera som hanterad: ${id}`,
    en: `Mark as handled: ${id}`,
  }),
  registerRest: (ids: string): LocalizedText => ({
    fi: `Kirjaa muut ilman: ${ids}`,
    sv: `Registrera de övriga utan: ${ids}`,
    en: `Register the rest without: ${ids}`,
  }),
};
