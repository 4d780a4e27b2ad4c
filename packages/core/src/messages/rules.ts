/**
 * Messages for usage decisions (`decideUsage`) and cap settings (`checkCapSetting`).
 * Times arrive pre-formatted in Europe/Helsinki local time (`d.m.yyyy hh.mm`), the time the venue lives in.
 */
import { defineMessages } from './define.js';
import type { CardIdErrorCode } from './card-id.js';
import type { Locale } from './define.js';
import { ownValue } from '../schemas/own-value.js';
import { formatHelsinki } from '../rules/helsinki-time.js';

/** Parameters of `invalid-input`: the field's path and its problem (`InputProblem`). */
type InputParams = { readonly path: string; readonly problem: string };
/** Parameters of `unknown-field`: the field's path and the field it probably meant. */
type UnknownFieldParams = { readonly path: string; readonly suggestion?: string };

/** What is wrong with a field, per `InputProblem` (schemas/field-issues.ts), as a predicate in each language. */
const PROBLEMS: Readonly<Record<string, { readonly [L in Locale]: string }>> = {
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
  (ownValue(PROBLEMS, problem) ?? PROBLEMS.invalid!)[locale];

/** The field named in a sentence (`(input)` is the whole input). */
const subject = (path: string, field: string, whole: string): string =>
  path === '(input)' ? whole : `${field}\`${path}\``;
/** Parameters of `card-expired`: the card's last valid day and today. */
type ExpiredParams = { readonly validUntil: string; readonly today: string };
/** Parameters of `too-many-children`: children requested and registered on the card. */
type ChildrenParams = { readonly requested: number; readonly registered: number };
/** Parameters naming a group member by position (1-based). */
type MemberParams = { readonly position: number };

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
/** Parameters of `group-member-invalid`: the member's position and why. */
type MemberCauseParams = { readonly position: number; readonly cause: GroupMemberCause };

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
/** Parameters of the cap refusals: the cap, tickets given and requested, and what remains. */
type CapParams = {
  readonly cap: number;
  readonly given: number;
  readonly requested: number;
  readonly remaining: number;
};
/** Parameters of `booking-not-open`: when booking opens. */
type OpensParams = { readonly opensAt: string };
/** Parameters of a window that has closed: when it closed. */
type ClosesParams = { readonly closesAt: string };
/** Parameters of a cap setting below the operating model's minimum. */
type CapMinParams = {
  readonly cap: number;
  readonly minimum: number;
  readonly rule: string;
  readonly policy: string;
};

/**
 * A Helsinki time as `formatHelsinki` writes it (`1.3.2030 18.00`), the way the element writes times in each
 * language: `1.3.2030 klo 18.00`, `1.3.2030 kl. 18.00`, `1.3.2030 18:00` — one format on one screen.
 */
const at = (when: string, lang: 'fi' | 'sv' | 'en'): string => {
  const [day, time] = when.split(' ');
  if (time === undefined) return when;
  return lang === 'en'
    ? `${day} ${time.replace('.', ':')}`
    : `${day} ${lang === 'fi' ? 'klo' : 'kl.'} ${time}`;
};

/** Parameters of `already-used`: when (an ISO instant) and where (the terminal's name, when known) it was. */
type UsedParams = { readonly at: string; readonly terminal?: string };
/** `(25.11.2026 klo 18.42, Kassa 2)`: an unreadable time (from another server) is left out, never shown raw. */
const usedWhen = (p: UsedParams, lang: Locale): string => {
  const date = new Date(p.at);
  const parts = [Number.isNaN(date.getTime()) ? '' : at(formatHelsinki(date), lang), p.terminal ?? ''];
  const known = parts.filter((part) => part !== '');
  return known.length > 0 ? ` (${known.join(', ')})` : '';
};

/**
 * Texts of the usage and cap-setting refusal codes.
 *
 * @example
 * rulesMessages['card-expired'].fi({ validUntil: '9.1.2026', today: '10.1.2026' });
 */
export const rulesMessages = defineMessages({
  'invalid-input': {
    fi: (p: InputParams) => `${subject(p.path, 'Kenttä ', 'Syöte')} ${problemText(p.problem, 'fi')}.`,
    sv: (p: InputParams) => `${subject(p.path, 'Fältet ', 'Indata')} ${problemText(p.problem, 'sv')}.`,
    en: (p: InputParams) => `${subject(p.path, '', 'The input')} ${problemText(p.problem, 'en')}.`,
  },
  'unknown-field': {
    fi: (p: UnknownFieldParams) =>
      `Tuntematon kenttä \`${p.path}\`.` + (p.suggestion ? ` Tarkoititko \`${p.suggestion}\`?` : ''),
    sv: (p: UnknownFieldParams) =>
      `Okänt fält \`${p.path}\`.` + (p.suggestion ? ` Menade du \`${p.suggestion}\`?` : ''),
    en: (p: UnknownFieldParams) =>
      `\`${p.path}\` is not a field` + (p.suggestion ? `; did you mean \`${p.suggestion}\`?` : '.'),
  },
  'card-id-invalid': {
    fi: (p: { readonly cause: string }) =>
      `Kortin tietueen tunnus ei ole kelvollinen Kaikukortin tunnus (${p.cause}).`,
    sv: (p: { readonly cause: string }) =>
      `Kortpostens nummer är inte ett giltigt Kaikukortti-nummer (${p.cause}).`,
    en: (p: { readonly cause: string }) =>
      `The card record's ID is not a valid Kaikukortti card ID (${p.cause}).`,
  },
  'card-inactive': {
    fi: () => 'Kortti ei ole aktiivinen Kaikukannassa.',
    sv: () => 'Kortet är inte aktivt i Kaikukanta.',
    en: () => 'The card is not active in Kaikukanta.',
  },
  'card-use-banned': {
    fi: () => 'Kortilla on käyttökielto.',
    sv: () => 'Kortet har användningsförbud.',
    en: () => 'The card is banned from use.',
  },
  'card-in-transfer': {
    fi: () => 'Kortti on siirrossa, eikä sitä voi nyt käyttää.',
    sv: () => 'Kortet håller på att överföras och kan inte användas nu.',
    en: () => 'The card is being transferred and cannot be used now.',
  },
  'card-expired': {
    fi: (p: ExpiredParams) => `Kortti oli voimassa ${p.validUntil} asti (tänään ${p.today}).`,
    sv: (p: ExpiredParams) => `Kortet var giltigt till och med ${p.validUntil} (i dag ${p.today}).`,
    en: (p: ExpiredParams) => `The card was valid until ${p.validUntil} (today is ${p.today}).`,
  },
  'too-many-children': {
    fi: (p: ChildrenParams) =>
      `Lasten lippuja pyydetty ${p.requested}, Kaikukantaan on rekisteröity ${p.registered}.`,
    sv: (p: ChildrenParams) =>
      `${p.requested} barnbiljetter begärda, ${p.registered} registrerade i Kaikukanta.`,
    en: (p: ChildrenParams) =>
      `Child tickets: ${p.requested}; children registered in Kaikukanta: ${p.registered}.`,
  },
  'children-on-course': {
    fi: () => 'Lasten lippuja ei anneta kurssipaikkoihin.',
    sv: () => 'Barnbiljetter ges inte till kursplatser.',
    en: () => 'Child tickets are not given for course places.',
  },
  'children-on-community-card': {
    fi: () => 'Yhteisökortilla ei saa lasten lippuja: alle 16-vuotiaat asiakkaat kirjataan erikseen.',
    sv: () => 'Ett gemenskapskort ger inga barnbiljetter: klienter under 16 år registreras separat.',
    en: () => 'A community card gets no child tickets: clients under 16 are recorded separately.',
  },
  'community-card-on-course': {
    fi: () => 'Yhteisökorttia ei voi käyttää kurssipaikkoihin.',
    sv: () => 'Ett gemenskapskort kan inte användas för kursplatser.',
    en: () => 'A community card cannot be used for course places.',
  },
  'community-card-without-group': {
    fi: () => 'Yhteisökorttia voi käyttää vain, kun mukana on asiakas tai ryhmä.',
    sv: () => 'Ett gemenskapskort kan bara användas tillsammans med en klient eller grupp.',
    en: () => 'A community card can only be used when accompanying a client or a group.',
  },
  'group-on-client-card': {
    fi: () => 'Ryhmän jäseniä ja alle 16-vuotiaita asiakkaita voi kirjata vain yhteisökortille.',
    sv: () => 'Gruppmedlemmar och klienter under 16 år kan bara registreras på ett gemenskapskort.',
    en: () => 'Group members and clients under 16 can only be recorded on a community card.',
  },
  'group-member-invalid': {
    fi: (p: MemberCauseParams) =>
      fromRegistry(p.cause)
        ? `Ryhmän ${p.position}. jäsenen ${memberCause.fi[p.cause]}.`
        : `Ryhmän ${p.position}. jäsenen kortin tunnus ei kelpaa.`,
    sv: (p: MemberCauseParams) =>
      fromRegistry(p.cause)
        ? `Kortet för gruppmedlem nr ${p.position} ${memberCause.sv[p.cause]}.`
        : `Kortnumret för gruppmedlem nr ${p.position} är ogiltigt.`,
    en: (p: MemberCauseParams) =>
      fromRegistry(p.cause)
        ? `Group member ${p.position}'s card ${memberCause.en[p.cause]}.`
        : `The card ID of group member ${p.position} is not valid.`,
  },
  'group-member-community-card': {
    fi: (p: MemberParams) =>
      `Ryhmän ${p.position}. jäsenellä on oltava oma asiakaskortti, ei yhteisökorttia.`,
    sv: (p: MemberParams) =>
      `Gruppmedlem nr ${p.position} måste ha ett eget klientkort, inte ett gemenskapskort.`,
    en: (p: MemberParams) => `Group member ${p.position} needs their own client card, not a community card.`,
  },
  'group-member-duplicate': {
    fi: (p: MemberParams) => `Ryhmän ${p.position}. jäsenen kortti on jo kirjattu tähän käyttöön.`,
    sv: (p: MemberParams) => `Kortet för gruppmedlem nr ${p.position} finns redan i denna registrering.`,
    en: (p: MemberParams) => `Group member ${p.position}'s card is already part of this usage.`,
  },
  'already-used': {
    fi: (p: UsedParams) => `Kortilla on jo lippu tähän tapahtumaan${usedWhen(p, 'fi')}.`,
    sv: (p: UsedParams) => `Kortet har redan en biljett till det här evenemanget${usedWhen(p, 'sv')}.`,
    en: (p: UsedParams) => `This card already has a ticket for this event${usedWhen(p, 'en')}.`,
  },
  'cap-reached': {
    fi: (p: CapParams) => `Kaikukortin lippujen yläraja (${p.cap}) on täynnä.`,
    sv: (p: CapParams) => `Den övre gränsen för Kaikukortti-biljetter (${p.cap}) är nådd.`,
    en: (p: CapParams) => `The Kaikukortti ticket cap (${p.cap}) has been reached.`,
  },
  'cap-exceeded': {
    fi: (p: CapParams) =>
      `Lippuja tulisi ${p.requested}, mutta ylärajaan (${p.cap}) mahtuu enää ${p.remaining}.`,
    sv: (p: CapParams) =>
      `Det blir ${p.requested} biljetter, men bara ${p.remaining} ryms inom gränsen (${p.cap}).`,
    en: (p: CapParams) =>
      `That makes ${p.requested} tickets, but only ${p.remaining} ${p.remaining === 1 ? 'is' : 'are'} left under the cap (${p.cap}).`,
  },
  'booking-not-open': {
    fi: (p: OpensParams) => `Varaus avautuu ${at(p.opensAt, 'fi')}.`,
    sv: (p: OpensParams) => `Bokningen öppnar ${at(p.opensAt, 'sv')}.`,
    en: (p: OpensParams) => `Booking opens at ${at(p.opensAt, 'en')}.`,
  },
  'booking-closed': {
    fi: (p: ClosesParams) => `Varaus sulkeutui ${at(p.closesAt, 'fi')}.`,
    sv: (p: ClosesParams) => `Bokningen stängde ${at(p.closesAt, 'sv')}.`,
    en: (p: ClosesParams) => `Booking closed at ${at(p.closesAt, 'en')}.`,
  },
  'collection-not-open': {
    fi: (p: OpensParams) => `Lippujen nouto avautuu ${at(p.opensAt, 'fi')}.`,
    sv: (p: OpensParams) => `Biljetterna kan hämtas från ${at(p.opensAt, 'sv')}.`,
    en: (p: OpensParams) => `Ticket collection opens at ${at(p.opensAt, 'en')}.`,
  },
  'collection-closed': {
    fi: (p: ClosesParams) => `Lippujen nouto päättyi ${at(p.closesAt, 'fi')}.`,
    sv: (p: ClosesParams) => `Avhämtningen av biljetter stängde ${at(p.closesAt, 'sv')}.`,
    en: (p: ClosesParams) => `Ticket collection closed at ${at(p.closesAt, 'en')}.`,
  },
  'void-window-closed': {
    fi: (p: ClosesParams) => `Käyttöä ei voi enää perua: perumisaika päättyi ${at(p.closesAt, 'fi')}.`,
    sv: (p: ClosesParams) =>
      `Användningen kan inte längre ångras: tiden för att ångra gick ut ${at(p.closesAt, 'sv')}.`,
    en: (p: ClosesParams) =>
      `The usage can no longer be undone: the time to undo ended at ${at(p.closesAt, 'en')}.`,
  },
  'cap-below-minimum': {
    fi: (p: CapMinParams) =>
      `Yläraja ${p.cap} on liian pieni: toimintamallin (${p.policy}) mukaan vähintään ${p.minimum} (sääntö ${p.rule}).`,
    sv: (p: CapMinParams) =>
      `Gränsen ${p.cap} är för låg: verksamhetsmodellen (${p.policy}) kräver minst ${p.minimum} (regel ${p.rule}).`,
    en: (p: CapMinParams) =>
      `A cap of ${p.cap} is too low: the operating model (${p.policy}) requires at least ${p.minimum} (rule ${p.rule}).`,
  },
  'unknown-policy': {
    fi: (p: { readonly version: string }) => `Tuntematon toimintamallin versio: ${p.version}.`,
    sv: (p: { readonly version: string }) => `Okänd version av verksamhetsmodellen: ${p.version}.`,
    en: (p: { readonly version: string }) => `Unknown operating-model version: ${p.version}.`,
  },
});

/**
 * A rules refusal code.
 *
 * @example
 * const code: RulesMessageCode = 'too-many-children';
 */
export type RulesMessageCode = keyof typeof rulesMessages;
