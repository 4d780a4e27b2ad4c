/** Messages for `decideUsage` and `checkCapSetting`; times arrive as Helsinki `d.m.yyyy hh.mm`. */
import { cardIdMessages, type CardIdErrorCode } from './card-id.js';
import { defineServerTexts, type Locale, type LocalizedText } from './define.js';
import { num, optStr, str } from './param-kinds.js';
import type { InputProblem } from '../schemas/field-issues.js';
import { ownValue } from '../schemas/own-value.js';
import { formatHelsinki } from '../rules/helsinki-time.js';

/** What is wrong with a field (every `InputProblem`), as a predicate in each language. */
const PROBLEMS: Readonly<Record<InputProblem, LocalizedText>> = {
  missing: { fi: 'puuttuu', sv: 'saknas', en: 'is missing' },
  'wrong-type': { fi: 'on väärää tyyppiä', sv: 'har fel typ', en: 'has the wrong type' },
  'not-whole': { fi: 'ei ole kokonaisluku', sv: 'är inte ett heltal', en: 'is not a whole number' },
  'too-small': { fi: 'on liian pieni', sv: 'är för litet', en: 'is too small' },
  'too-large': { fi: 'on liian suuri', sv: 'är för stort', en: 'is too large' },
  'bad-format': { fi: 'on väärässä muodossa', sv: 'har fel format', en: 'has the wrong format' },
  'not-allowed': {
    fi: 'ei ole sallittu arvo',
    sv: 'är inte ett tillåtet värde',
    en: 'is not an allowed value',
  },
  'collection-only': {
    fi: 'kuuluu vain lipun noutoon',
    sv: 'gäller bara vid avhämtning av biljetten',
    en: 'applies to a collection only',
  },
  unreadable: { fi: 'ei ole luettavissa', sv: 'kan inte läsas', en: 'cannot be read' },
  'unknown-field': { fi: 'ei ole tunnettu kenttä', sv: 'är inget känt fält', en: 'is not a field' },
  invalid: { fi: 'on virheellinen', sv: 'är ogiltigt', en: 'is not valid' },
};

const problemText = (problem: string, locale: Locale): string =>
  (ownValue(PROBLEMS, problem) ?? PROBLEMS.invalid)[locale];

/** The field named in a sentence (`(input)` is the whole input). */
const subject = (path: string, field: string, whole: string): string =>
  path === '(input)' ? whole : `${field}\`${path}\``;

/**
 * Why a group member's own card cannot be used: its ID is malformed (a `parseCardId` code, found locally), or the
 * registry says so (found by the server, which looks every member's card up).
 *
 * @example
 * const cause: GroupMemberCause = 'card-expired';
 */
export type GroupMemberCause =
  | CardIdErrorCode
  | 'card-not-registered'
  | 'card-inactive'
  | 'card-use-banned'
  | 'card-in-transfer'
  | 'card-expired';

/** The registry's causes, per language; a malformed ID (any card-ID code) has one text. */
const memberCause = {
  fi: {
    'card-not-registered': 'korttia ei ole rekisteröity Kaikukantaan',
    'card-inactive': 'kortti ei ole aktiivinen',
    'card-use-banned': 'kortilla on käyttökielto',
    'card-in-transfer': 'kortti on siirrossa, eikä sitä voi nyt käyttää',
    'card-expired': 'kortti ei ole enää voimassa',
  },
  sv: {
    'card-not-registered': 'är inte registrerat i Kaikukanta',
    'card-inactive': 'är inte aktivt',
    'card-use-banned': 'har användningsförbud',
    'card-in-transfer': 'håller på att överföras och kan inte användas nu',
    'card-expired': 'är inte längre giltigt',
  },
  en: {
    'card-not-registered': 'is not registered in Kaikukanta',
    'card-inactive': 'is not active',
    'card-use-banned': 'is banned from use',
    'card-in-transfer': 'is being transferred and cannot be used now',
    'card-expired': 'has expired',
  },
} as const;
type RegistryCause = keyof (typeof memberCause)['fi'];
const fromRegistry = (cause: GroupMemberCause): cause is RegistryCause =>
  ownValue(memberCause.fi, cause) !== undefined;

/** A `formatHelsinki` time as the element writes it per language (`klo 18.00`, `kl. 18.00`, `18:00`). */
const at = (when: string, lang: 'fi' | 'sv' | 'en'): string => {
  const [day, time] = when.split(' ');
  if (time === undefined) return when;
  return lang === 'en'
    ? `${day} ${time.replace('.', ':')}`
    : `${day} ${lang === 'fi' ? 'klo' : 'kl.'} ${time}`;
};

/** `(25.11.2026 klo 18.42, Kassa 2)`: an unreadable time (from another server) is left out, never shown raw. */
const usedWhen = (
  p: { readonly at: string; readonly terminal?: string | undefined },
  lang: Locale,
): string => {
  const date = new Date(p.at);
  const parts = [Number.isNaN(date.getTime()) ? '' : at(formatHelsinki(date), lang), p.terminal ?? ''];
  const known = parts.filter((part) => part !== '');
  return known.length > 0 ? ` (${known.join(', ')})` : '';
};

const MEMBER_CAUSES: readonly GroupMemberCause[] = [
  ...(Object.keys(cardIdMessages) as CardIdErrorCode[]),
  ...(Object.keys(memberCause.fi) as RegistryCause[]),
];
const cap = { cap: num, given: num, requested: num, remaining: num } as const;
/** The parameters of every rules code, as `readServerReason` checks them when a server sends the code. */
export const RULES_PARAMS = {
  'invalid-input': { path: str, problem: str },
  'unknown-field': { path: str, suggestion: optStr },
  'card-id-invalid': { cause: str },
  'card-expired': { validUntil: str, today: str },
  'too-many-children': { requested: num, registered: num },
  'group-member-invalid': { position: num, cause: { kind: MEMBER_CAUSES } },
  'group-member-community-card': { position: num },
  'group-member-duplicate': { position: num },
  'already-used': { at: str, terminal: optStr },
  'cap-reached': cap,
  'cap-exceeded': cap,
  'booking-not-open': { opensAt: str },
  'booking-closed': { closesAt: str },
  'collection-not-open': { opensAt: str },
  'collection-closed': { closesAt: str },
  'void-window-closed': { closesAt: str },
  'cap-below-minimum': { cap: num, minimum: num, rule: str, policy: str },
  'unknown-policy': { version: str },
} as const;

/**
 * Texts of the usage and cap-setting refusal codes.
 *
 * @example
 * rulesMessages['card-expired'].fi({ validUntil: '9.1.2026', today: '10.1.2026' });
 */
export const rulesMessages = defineServerTexts(RULES_PARAMS, {
  fi: {
    'invalid-input': (p) => `${subject(p.path, 'Kenttä ', 'Syöte')} ${problemText(p.problem, 'fi')}.`,
    'unknown-field': (p) =>
      `Tuntematon kenttä \`${p.path}\`.` + (p.suggestion ? ` Tarkoititko \`${p.suggestion}\`?` : ''),
    'card-id-invalid': 'Kortin tietueen tunnus ei ole kelvollinen Kaikukortin tunnus ({cause}).',
    'card-inactive': 'Kortti ei ole aktiivinen Kaikukannassa.',
    'card-use-banned': 'Kortilla on käyttökielto.',
    'card-in-transfer': 'Kortti on siirrossa, eikä sitä voi nyt käyttää.',
    'card-expired': 'Kortti oli voimassa {validUntil} asti (tänään {today}).',
    'too-many-children': 'Lasten lippuja pyydetty {requested}, Kaikukantaan on rekisteröity {registered}.',
    'children-on-course': 'Lasten lippuja ei anneta kurssipaikkoihin.',
    'children-on-community-card':
      'Yhteisökortilla ei saa lasten lippuja: alle 16-vuotiaat asiakkaat kirjataan erikseen.',
    'community-card-on-course': 'Yhteisökorttia ei voi käyttää kurssipaikkoihin.',
    'community-card-without-group': 'Yhteisökorttia voi käyttää vain, kun mukana on asiakas tai ryhmä.',
    'group-on-client-card':
      'Ryhmän jäseniä ja alle 16-vuotiaita asiakkaita voi kirjata vain yhteisökortille.',
    'group-member-invalid': (p) =>
      fromRegistry(p.cause)
        ? `Ryhmän ${p.position}. jäsenen ${memberCause.fi[p.cause]}.`
        : `Ryhmän ${p.position}. jäsenen kortin tunnus ei kelpaa.`,
    'group-member-community-card':
      'Ryhmän {position}. jäsenellä on oltava oma asiakaskortti, ei yhteisökorttia.',
    'group-member-duplicate': 'Ryhmän {position}. jäsenen kortti on jo kirjattu tähän käyttöön.',
    'already-used': (p) => `Kortilla on jo lippu tähän tapahtumaan${usedWhen(p, 'fi')}.`,
    'cap-reached': 'Kaikukortin lippujen yläraja ({cap}) on täynnä.',
    'cap-exceeded': 'Lippuja tulisi {requested}, mutta ylärajaan ({cap}) mahtuu enää {remaining}.',
    'booking-not-open': (p) => `Varaus avautuu ${at(p.opensAt, 'fi')}.`,
    'booking-closed': (p) => `Varaus sulkeutui ${at(p.closesAt, 'fi')}.`,
    'collection-not-open': (p) => `Lippujen nouto avautuu ${at(p.opensAt, 'fi')}.`,
    'collection-closed': (p) => `Lippujen nouto päättyi ${at(p.closesAt, 'fi')}.`,
    'void-window-closed': (p) => `Käyttöä ei voi enää perua: perumisaika päättyi ${at(p.closesAt, 'fi')}.`,
    'void-clock-behind':
      'Käyttöä ei peruttu: laitteen kello on jäljessä käytön kirjausajasta (kelloa on siirretty taaksepäin), joten perumisajan kulumista ei voi tarkistaa. Käyttö on voimassa. Tarkista laitteen kellonaika.',
    'cap-below-minimum':
      'Yläraja {cap} on liian pieni: toimintamallin ({policy}) mukaan vähintään {minimum} (sääntö {rule}).',
    'unknown-policy': 'Tuntematon toimintamallin versio: {version}.',
  },
  sv: {
    'invalid-input': (p) => `${subject(p.path, 'Fältet ', 'Indata')} ${problemText(p.problem, 'sv')}.`,
    'unknown-field': (p) =>
      `Okänt fält \`${p.path}\`.` + (p.suggestion ? ` Menade du \`${p.suggestion}\`?` : ''),
    'card-id-invalid': 'Kortpostens nummer är inte ett giltigt Kaikukortti-nummer ({cause}).',
    'card-inactive': 'Kortet är inte aktivt i Kaikukanta.',
    'card-use-banned': 'Kortet har användningsförbud.',
    'card-in-transfer': 'Kortet håller på att överföras och kan inte användas nu.',
    'card-expired': 'Kortet var giltigt till och med {validUntil} (i dag {today}).',
    'too-many-children': '{requested} barnbiljetter begärda, {registered} registrerade i Kaikukanta.',
    'children-on-course': 'Barnbiljetter ges inte till kursplatser.',
    'children-on-community-card':
      'Ett gemenskapskort ger inga barnbiljetter: klienter under 16 år registreras separat.',
    'community-card-on-course': 'Ett gemenskapskort kan inte användas för kursplatser.',
    'community-card-without-group':
      'Ett gemenskapskort kan bara användas tillsammans med en klient eller grupp.',
    'group-on-client-card':
      'Gruppmedlemmar och klienter under 16 år kan bara registreras på ett gemenskapskort.',
    'group-member-invalid': (p) =>
      fromRegistry(p.cause)
        ? `Kortet för gruppmedlem nr ${p.position} ${memberCause.sv[p.cause]}.`
        : `Kortnumret för gruppmedlem nr ${p.position} är ogiltigt.`,
    'group-member-community-card':
      'Gruppmedlem nr {position} måste ha ett eget klientkort, inte ett gemenskapskort.',
    'group-member-duplicate': 'Kortet för gruppmedlem nr {position} finns redan i denna registrering.',
    'already-used': (p) => `Kortet har redan en biljett till det här evenemanget${usedWhen(p, 'sv')}.`,
    'cap-reached': 'Den övre gränsen för Kaikukortti-biljetter ({cap}) är nådd.',
    'cap-exceeded': 'Det blir {requested} biljetter, men bara {remaining} ryms inom gränsen ({cap}).',
    'booking-not-open': (p) => `Bokningen öppnar ${at(p.opensAt, 'sv')}.`,
    'booking-closed': (p) => `Bokningen stängde ${at(p.closesAt, 'sv')}.`,
    'collection-not-open': (p) => `Biljetterna kan hämtas från ${at(p.opensAt, 'sv')}.`,
    'collection-closed': (p) => `Avhämtningen av biljetter stängde ${at(p.closesAt, 'sv')}.`,
    'void-window-closed': (p) =>
      `Användningen kan inte längre ångras: tiden för att ångra gick ut ${at(p.closesAt, 'sv')}.`,
    'void-clock-behind':
      'Användningen ångrades inte: enhetens klocka går efter tiden då användningen registrerades (klockan har ställts tillbaka), så det går inte att kontrollera hur lång tid som gått. Användningen gäller. Kontrollera enhetens klocka.',
    'cap-below-minimum':
      'Gränsen {cap} är för låg: verksamhetsmodellen ({policy}) kräver minst {minimum} (regel {rule}).',
    'unknown-policy': 'Okänd version av verksamhetsmodellen: {version}.',
  },
  en: {
    'invalid-input': (p) => `${subject(p.path, '', 'The input')} ${problemText(p.problem, 'en')}.`,
    'unknown-field': (p) =>
      `\`${p.path}\` is not a field` + (p.suggestion ? `; did you mean \`${p.suggestion}\`?` : '.'),
    'card-id-invalid': "The card record's ID is not a valid Kaikukortti card ID ({cause}).",
    'card-inactive': 'The card is not active in Kaikukanta.',
    'card-use-banned': 'The card is banned from use.',
    'card-in-transfer': 'The card is being transferred and cannot be used now.',
    'card-expired': 'The card was valid until {validUntil} (today is {today}).',
    'too-many-children': 'Child tickets: {requested}; children registered in Kaikukanta: {registered}.',
    'children-on-course': 'Child tickets are not given for course places.',
    'children-on-community-card':
      'A community card gets no child tickets: clients under 16 are recorded separately.',
    'community-card-on-course': 'A community card cannot be used for course places.',
    'community-card-without-group':
      'A community card can only be used when accompanying a client or a group.',
    'group-on-client-card': 'Group members and clients under 16 can only be recorded on a community card.',
    'group-member-invalid': (p) =>
      fromRegistry(p.cause)
        ? `Group member ${p.position}'s card ${memberCause.en[p.cause]}.`
        : `The card ID of group member ${p.position} is not valid.`,
    'group-member-community-card':
      'Group member {position} needs their own client card, not a community card.',
    'group-member-duplicate': "Group member {position}'s card is already part of this usage.",
    'already-used': (p) => `This card already has a ticket for this event${usedWhen(p, 'en')}.`,
    'cap-reached': 'The Kaikukortti ticket cap ({cap}) has been reached.',
    'cap-exceeded': (p) =>
      `That makes ${p.requested} tickets, but only ${p.remaining} ${p.remaining === 1 ? 'is' : 'are'} left under the cap (${p.cap}).`,
    'booking-not-open': (p) => `Booking opens at ${at(p.opensAt, 'en')}.`,
    'booking-closed': (p) => `Booking closed at ${at(p.closesAt, 'en')}.`,
    'collection-not-open': (p) => `Ticket collection opens at ${at(p.opensAt, 'en')}.`,
    'collection-closed': (p) => `Ticket collection closed at ${at(p.closesAt, 'en')}.`,
    'void-window-closed': (p) =>
      `The usage can no longer be undone: the time to undo ended at ${at(p.closesAt, 'en')}.`,
    'void-clock-behind':
      'The usage was not undone: the device’s clock is behind the time the usage was recorded (it has been set back), so the time to undo cannot be checked. The usage stands. Check the device’s clock.',
    'cap-below-minimum':
      'A cap of {cap} is too low: the operating model ({policy}) requires at least {minimum} (rule {rule}).',
    'unknown-policy': 'Unknown operating-model version: {version}.',
  },
});

/**
 * A rules refusal code.
 *
 * @example
 * const code: RulesMessageCode = 'too-many-children';
 */
export type RulesMessageCode = keyof typeof rulesMessages;
