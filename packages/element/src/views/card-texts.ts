import type { LocalizedText } from '../services/types.js';

/**
 * The words of the views that load after the first download (the card panel, the result's undo, the
 * needs-attention list): their headings, labels, buttons and notes. The first download's words are in
 * translations/, the texts of codes in messages/.
 */
export const CARD_TEXTS = {
  cardHeading: { fi: 'Kortti', sv: 'Kort', en: 'Card' },
  groupHeading: { fi: 'Ryhmä', sv: 'Grupp', en: 'Group' },
  vetoed: {
    fi: 'Kassajärjestelmä perui kirjauksen.',
    sv: 'Kassasystemet avbröt registreringen.',
    en: 'The point-of-sale cancelled the registration.',
  },
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
  /** The keys of the ticket form. */
  keysHint: {
    fi: 'Enter kirjaa, Esc peruuttaa.',
    sv: 'Enter registrerar, Esc avbryter.',
    en: 'Enter registers, Esc cancels.',
  },
  /** Kaikukanta could not be reached: the card is as this device stored it. */
  fromCache: {
    fi: 'Kaikukantaan ei saada yhteyttä, joten tiedot ovat tälle laitteelle aiemmin tallennetut.',
    sv: 'Kaikukanta kan inte nås, så uppgifterna är de som tidigare sparats på den här enheten.',
    en: 'Kaikukanta cannot be reached, so these are the details stored earlier on this device.',
  },
  /** A card accepted offline with nothing known of it: neither Kaikukanta nor the cache could say anything. */
  unverified: {
    fi: 'Korttia ei voitu tarkistaa Kaikukannasta (ei yhteyttä), eikä siitä ole tallennettuja tietoja. Lasten lippuja ei voi antaa, koska alaikäisten lasten määrää ei tiedetä. Käyttö kirjataan alustavana ja tarkistetaan, kun yhteys palaa.',
    sv: 'Kortet kunde inte kontrolleras i Kaikukanta (ingen förbindelse) och inga uppgifter om det finns sparade. Barnbiljetter kan inte ges eftersom antalet minderåriga barn inte är känt. Användningen registreras preliminärt och kontrolleras när förbindelsen är tillbaka.',
    en: 'The card could not be checked in Kaikukanta (no connection), and nothing about it is stored here. No child tickets can be given, as the number of minors is unknown. The usage is recorded as provisional and checked when the connection returns.',
  },
  undoing: { fi: 'Perutaan…', sv: 'Ångrar…', en: 'Undoing…' },
  /** The result's heading once the usage is undone. */
  voided: { fi: 'Käyttö peruttu', sv: 'Användningen ångrad', en: 'Usage undone' },
  undoFailed: { fi: 'Käyttöä ei peruttu', sv: 'Användningen ångrades inte', en: 'The usage was not undone' },
} as const satisfies Record<string, LocalizedText>;

/** A card's status by Kaikukanta's code. */
const STATUS_NAMES: Readonly<Record<string, LocalizedText>> = {
  active: { fi: 'Aktiivinen', sv: 'Aktivt', en: 'Active' },
  inactive: { fi: 'Ei aktiivinen', sv: 'Inte aktivt', en: 'Not active' },
  'use-ban': { fi: 'Käyttökielto', sv: 'Användningsförbud', en: 'Use ban' },
  'in-transfer': { fi: 'Siirrossa', sv: 'Under överföring', en: 'In transfer' },
  unverified: {
    fi: 'Ei tarkistettu (ei yhteyttä)',
    sv: 'Inte kontrollerat (ingen förbindelse)',
    en: 'Not verified (offline)',
  },
};

/** The same views' words that take a value. */
export const CARD_PHRASES = {
  /** A status Kaikukanta has no name for here shows as it came. */
  statusName: (s: string): LocalizedText => STATUS_NAMES[s] ?? { fi: s, sv: s, en: s },
  /** What a usage gives: the card holder plus group members are adults; children plus under-16 clients are not. */
  tickets: (adults: string, children: string): LocalizedText => ({
    fi: `Aikuisia ${adults}, lapsia ${children}.`,
    sv: `Vuxna ${adults}, barn ${children}.`,
    en: `Adults ${adults}, children ${children}.`,
  }),
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
  /** An undo action, naming what it undoes. */
  undo: (what: string): LocalizedText => ({ fi: `Peru: ${what}`, sv: `Ångra: ${what}`, en: `Undo: ${what}` }),
  registerRest: (ids: string): LocalizedText => ({
    fi: `Kirjaa muut ilman: ${ids}`,
    sv: `Registrera de övriga utan: ${ids}`,
    en: `Register the rest without: ${ids}`,
  }),
};
