import type { LocalizedText } from '../services/types.js';

/**
 * The words of the views that load after the first download (the card panel, the result and its undo, the
 * needs-attention list, the shift panel): their headings, labels, buttons and notes. The first download's words are in
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
  /** The text of `group-duplicate`: a card read again while the group is being filled. */
  groupDuplicate: {
    fi: 'Tämä kortti on jo ryhmässä. Lue seuraavan ryhmäläisen kortti.',
    sv: 'Kortet finns redan i gruppen. Läs nästa gruppmedlems kort.',
    en: 'This card is already in the group. Scan the next member’s card.',
  },
  groupMemberLabel: {
    fi: 'Ryhmäläisen kortin tunnus',
    sv: 'Gruppmedlemmens kortkod',
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
  /** An undo of a usage that may have reached Kaikukanta, kept until the connection returns (`void-queued`). */
  voidQueued: {
    fi: 'Peruminen lähetetään Kaikukantaan, kun yhteys palaa',
    sv: 'Ångringen skickas till Kaikukanta när förbindelsen är tillbaka',
    en: 'The undo is sent to Kaikukanta when the connection returns',
  },
  undoFailed: { fi: 'Käyttöä ei peruttu', sv: 'Användningen ångrades inte', en: 'The usage was not undone' },
  // The result (verdict.ts).
  queuedBadge: { fi: 'Odottaa lähetystä', sv: 'Väntar på att skickas', en: 'Waiting to be sent' },
  /** What to do with a queued usage Kaikukanta refused. */
  refusedLater: {
    fi: 'Käyttöä ei kirjattu. Se on alla listassa ”Vaatii huomiota”: sovi lipusta asiakkaan kanssa ja merkitse käyttö käsitellyksi.',
    sv: 'Användningen registrerades inte. Den finns nedan i listan ”Kräver åtgärd”: kom överens med kunden om biljetten och markera användningen som hanterad.',
    en: 'The usage was not registered. It is listed below under “Needs attention”: settle the ticket with the customer and mark the usage as handled.',
  },
  /** A booking to collect (issue 62): who booked it (the venue's or its ticket agent's ID, never a person). */
  bookedBy: {
    fi: 'Varannut {0}: luovuta varattu lippu.',
    sv: 'Bokad av {0}: lämna ut den bokade biljetten.',
    en: 'Booked by {0}: hand out the booked ticket.',
  },
  alreadyUsedHeading: {
    // No noun for the show: the reason under it (the core's text) names it its own way.
    fi: 'Kortti on jo käytetty',
    sv: 'Kortet har redan använts',
    en: 'Card already used',
  },
  // The shift panel (shift-panel.ts): its headings, counters, usages' states, report and the clerk's settings.
  shift: { fi: 'Vuoro', sv: 'Skift', en: 'Shift' },
  thisTerminal: { fi: 'Tämä pääte', sv: 'Den här terminalen', en: 'This terminal' },
  today: { fi: 'Tänään', sv: 'I dag', en: 'Today' },
  // The counters say what they count: tickets, group visits, refused readings of a card, usages not yet sent.
  adults: { fi: 'Aikuisten liput', sv: 'Vuxenbiljetter', en: 'Adult tickets' },
  children: { fi: 'Lasten liput', sv: 'Barnbiljetter', en: 'Child tickets' },
  groups: { fi: 'Ryhmäkäynnit', sv: 'Gruppbesök', en: 'Group visits' },
  refused: { fi: 'Hylätyt luennat', sv: 'Avvisade läsningar', en: 'Refused readings' },
  voidedCount: { fi: 'Perutut käytöt', sv: 'Ångrade användningar', en: 'Undone usages' },
  overCap: {
    fi: '{0}: {1} yli ylärajan, otettu vastaan ilman yhteyttä',
    sv: '{0}: {1} över taket, tagna emot utan förbindelse',
    en: '{0}: {1} over the cap, taken offline',
  },
  shiftKept: {
    fi: 'Tämän päivän vuoro säilyy tällä laitteella uudelleenlatauksen yli korttien tunnuksineen (raporttia varten) vuorokauden vaihteeseen asti. Piilotus koskee vain näyttöä ja tulostetta.',
    sv: 'Dagens skift sparas på den här enheten, med kortens koder (för rapporten), även om sidan laddas om, till dygnets slut. Döljandet gäller bara skärmen och utskriften.',
    en: "Today's shift stays on this device through a reload, card IDs included (for the report), until the day ends. Hiding card IDs applies to the screen and the printout only.",
  },
  venue: { fi: 'Toimipaikka', sv: 'Verksamhetsställe', en: 'Venue' },
  terminal: { fi: 'Pääte', sv: 'Terminal', en: 'Terminal' },
  period: { fi: 'Ajalta', sv: 'Period', en: 'Period' },
  printed: { fi: 'Tulostettu', sv: 'Utskriven', en: 'Printed' },
  registryTally: {
    fi: 'Kaikukannan laskuri (kaikki päätteet)',
    sv: 'Kaikukantas räkning (alla terminaler)',
    en: "The registry's tally (every terminal)",
  },
  stateRegistered: { fi: 'kirjattu', sv: 'registrerad', en: 'registered' },
  stateQueued: { fi: 'jonossa', sv: 'i kö', en: 'queued' },
  stateRefused: { fi: 'hylätty', sv: 'avvisad', en: 'refused' },
  stateVoided: { fi: 'peruttu', sv: 'ångrad', en: 'undone' },
  printShift: { fi: 'Tulosta vuororaportti', sv: 'Skriv ut skiftrapporten', en: 'Print the shift report' },
  shiftCsv: {
    fi: 'Lataa vuororaportti (CSV)',
    sv: 'Ladda ner skiftrapporten (CSV)',
    en: 'Download the shift report (CSV)',
  },
  deviceSettings: {
    fi: 'Tämän laitteen asetukset',
    sv: 'Inställningar på den här enheten',
    en: "This device's settings",
  },
  sound: { fi: 'Äänet', sv: 'Ljud', en: 'Sounds' },
  vibration: { fi: 'Värinä', sv: 'Vibration', en: 'Vibration' },
  privacy: {
    fi: 'Piilota kortin tunnus (näytä neljä viimeistä)',
    sv: 'Dölj kortets kod (visa de fyra sista)',
    en: 'Hide card IDs (show the last four)',
  },
  // Texts that take values (`fill`): `{0}`, `{1}` are the values in order.
  /** What a usage gives: the card holder plus group members are adults; children plus under-16 clients are not. */
  tickets: { fi: 'Aikuisia {0}, lapsia {1}.', sv: 'Vuxna {0}, barn {1}.', en: 'Adults {0}, children {1}.' },
  childLimit: { fi: 'enintään {0}', sv: 'högst {0}', en: 'at most {0}' },
  capBound: {
    fi: 'Lapsia enintään {0}: useampi ylittäisi Kaikukortin lippujen ylärajan.',
    sv: 'Högst {0} barn: fler skulle överskrida gränsen för Kaikukortti-biljetter.',
    en: 'Children: at most {0}; more would go over the Kaikukortti ticket cap.',
  },
  decrease: { fi: 'Vähennä: {0}', sv: 'Minska: {0}', en: 'Decrease: {0}' },
  increase: { fi: 'Lisää: {0}', sv: 'Öka: {0}', en: 'Increase: {0}' },
  groupRemove: { fi: 'Poista {0} ryhmästä', sv: 'Ta bort {0} ur gruppen', en: 'Remove {0} from the group' },
  oneTicket: { fi: 'Yhteensä 1 lippu', sv: 'Sammanlagt 1 biljett', en: '1 ticket in total' },
  totalTickets: { fi: 'Yhteensä {0} lippua', sv: 'Sammanlagt {0} biljetter', en: '{0} tickets in total' },
  /** An undo action, naming what it undoes. */
  undo: { fi: 'Peru: {0}', sv: 'Ångra: {0}', en: 'Undo: {0}' },
  registerRest: {
    fi: 'Kirjaa muut ilman: {0}',
    sv: 'Registrera de övriga utan: {0}',
    en: 'Register the rest without: {0}',
  },
  /** Cards admitted twice during a network split: the heading of this terminal's list, and each item. */
  conflictsHeading: {
    fi: 'Päästetty sisään kahdesti ({0})',
    sv: 'Insläppta två gånger ({0})',
    en: 'Admitted twice ({0})',
  },
  conflictItem: {
    fi: 'päästetty sisään myös: {0}, {1}, kun sieltä ei saatu yhteyttä. Käyttö lasketaan kerran, ja raportti merkitsee ristiriidan.',
    sv: 'insläppt även: {0}, {1}, när den inte hade förbindelse. Användningen räknas en gång, och rapporten markerar konflikten.',
    en: 'also admitted at {0}, {1}, while it had no connection. The usage counts once, and the report marks the conflict.',
  },
  conflictElsewhere: { fi: 'toinen pääte', sv: 'en annan terminal', en: 'another terminal' },
  conflictSeen: { fi: 'Nähty', sv: 'Sedd', en: 'Seen' },
  /** A needs-attention usage refused as already used: this terminal admitted the card while out of reach. */
  conflictHere: {
    fi: 'Päästetty sisään kahdesti: tämä käyttö odotti yhteyttä, ja toisen päätteen käyttö jää voimaan.',
    sv: 'Insläppt två gånger: den här användningen väntade på förbindelse, och den andra terminalens gäller.',
    en: "Admitted twice: this usage waited for the connection, and the other terminal's usage stands.",
  },
} as const satisfies Record<string, LocalizedText>;

/** `text` with its `{0}`, `{1}` … replaced by `values`, in every language. */
export function fill(text: LocalizedText, ...values: readonly string[]): LocalizedText {
  const f = (s: string): string => s.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
  return { fi: f(text.fi), sv: f(text.sv), en: f(text.en) };
}

/** A card's status by Kaikukanta's code. */
const STATUS_NAMES: Readonly<Record<string, LocalizedText>> = {
  active: { fi: 'Aktiivinen', sv: 'Aktivt', en: 'Active' },
  inactive: { fi: 'Ei aktiivinen', sv: 'Inte aktivt', en: 'Not active' },
  'use-ban': { fi: 'Käyttökielto', sv: 'Användningsförbud', en: 'Use ban' },
  'in-transfer': { fi: 'Siirrossa', sv: 'Under överföring', en: 'In transfer' },
  unchecked: { fi: 'Ei tarkistettu', sv: 'Inte kontrollerat', en: 'Not checked' },
  unverified: {
    fi: 'Ei tarkistettu (ei yhteyttä)',
    sv: 'Inte kontrollerat (ingen förbindelse)',
    en: 'Not verified (offline)',
  },
};

/** A card's status in words; a status Kaikukanta has no name for here shows as it came. */
export const statusName = (s: string): LocalizedText => STATUS_NAMES[s] ?? { fi: s, sv: s, en: s };
