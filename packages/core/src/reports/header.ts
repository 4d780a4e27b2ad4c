/**
 * Recognises the columns of a sales report from its header row: the official template's Finnish,
 * Swedish and English column names and the usual variants ("Kortin numero", "Kortnummer", "Card ID"…).
 */
import type { CellValue, ReportField } from './types.js';

/** Column index of each recognised field; `adults` and `time` are optional. */
export type ColumnMap = { readonly [F in ReportField]?: number };

/** The header row recognised (each field's column), or why not: a required field missing or a field twice. */
export type HeaderResult =
  | { readonly ok: true; readonly columns: ColumnMap }
  | {
      readonly ok: false;
      readonly code: 'report-header-missing' | 'report-header-duplicate';
      readonly fields: ReportField[];
      readonly score: number;
    };

/** The fields a sales report must have: card ID, children, event and date (`adults` and `time` are optional). */
export const REQUIRED_FIELDS: readonly ReportField[] = ['cardId', 'children', 'event', 'date'];

// Checked in this order; a header cell belongs to the first field whose pattern matches it.
const PATTERNS: readonly (readonly [ReportField, RegExp])[] = [
  [
    'cardId',
    /(kortin|kortti|kortets?|kort|card)\s*-?\s*(numero|nro|tunnus|koodi|id|nummer|nr|kod|number|code|no)\b|(kortin|kortets?|card)\s*#|^(korttinumero|kortinnumero|kortnummer|kortnr|kortti|card|cardid|kaikukortti|tunnus)$/,
  ],
  // A ticket agent's venue column (the sales system's own "Sali" or "Venue ID" stay ignored).
  ['venue', /^((tapahtuma|esitys)?paikka|(spel|evenemangs)?plats|venue|venue name)$/],
  ['adults', /aikui|vuxe?n|adult/],
  ['children', /lapsi|lapse|lasten|\bbarn|child|kids/],
  [
    'date',
    // "Esityspäivä", "Date of event" are dates, not event names; "Date/time" too, so dates go before times.
    /päivämäärä|paivamaara|\bpvm\b|päivä$|paiva$|datum|\bdate\b|\bday$/,
  ],
  [
    'time',
    // "Esityksen alkamisaika", "Esitysaika", "Show time" are the start time, not the event's name.
    /^(klo|kello|kellonaika|aika|alkaa|tid|time|starts)$|(alkamis|aloitus|esitys|näytös|tapahtuma|kellon)aika$|\bklo\b|klockslag|starttid|start time|starting time|\btime$/,
  ],
  // The usage report's own column (`exportUsageReport`): booking or collection.
  ['mode', /^(käyttötapa|käyttö|användning|användningssätt|mode|usage mode)$/],
  // Usage and outbox reports' columns, by exact name only (a sales system's "Status" means something else).
  ['group', /^(ryhmäkäynti|ryhmakaynti|gruppbesök|gruppbesok|group visit)$/],
  ['acceptance', /^(tarkistus|kontroll|check)$/],
  ['status', /^(lähetyksen tila|sändningsstatus|sync status)$/],
  // The outbox's report's record key and request details (exact names too).
  ['key', /^(kirjaustunniste|registreringsnyckel|idempotency key)$/],
  ['details', /^(kirjauksen tiedot|registreringsuppgifter|registration details)$/],
  [
    'event',
    /tapahtum|tilaisuu|esity|näytös|naytos|konsertti|kurssi|evenemang|föreställning|forestallning|tillställning|event|show|performance|title/,
  ],
];

// Columns a sales system may add that must not be mistaken for the event (venue, event ID, price…).
const IGNORED =
  /paikka|venue|spelplats|lokal|\bsali\b|\bhall|\bid\b|tunnus|numero|\bnro\b|koodi|code|nummer|hinta|price|pris/;
// Sale, order and booking dates are not the event's ("Myyntipäivä"); "Sold child tickets" is still children.
const TRANSACTION =
  /myynti|myyty|osto|tilaus|varaus|\bsale|\bsold|order|purchase|booking|köp|försälj|beställ|bokning/;

/** Lower case, parentheses and punctuation removed, hyphenated line breaks joined ("Päivä-\nmäärä"). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\([^)]*\)?/g, ' ')
    .replace(/-\s*[\r\n]+\s*/g, '')
    .replace(/[_.:;/*]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The field a header cell names, if any. */
export function matchHeader(cell: CellValue): ReportField | undefined {
  if (typeof cell !== 'string') return undefined;
  const text = normaliseHeader(cell);
  if (text === '') return undefined;
  // The card ID and the venue first: the columns ignored below have "numero", "paikka" or "venue" in them too.
  const early = PATTERNS.slice(0, 2).find(([, pattern]) => pattern.test(text));
  if (early) return early[0];
  if (IGNORED.test(text)) return undefined;
  const field = PATTERNS.slice(2).find(([, pattern]) => pattern.test(text))?.[0];
  return (field === 'date' || field === 'time') && TRANSACTION.test(text) ? undefined : field;
}

/**
 * Maps a header row to column indexes. Fails with the missing required fields, or with the fields
 * named by more than one column.
 *
 * @example
 * recogniseHeader(['Kortin numero', 'Aikuiset', 'Lapset', 'Tapahtuma', 'Päivämäärä']);
 * // { ok: true, columns: { cardId: 0, adults: 1, children: 2, event: 3, date: 4 } }
 */
export function recogniseHeader(cells: readonly CellValue[]): HeaderResult {
  const columns: { [F in ReportField]?: number } = {};
  const duplicates: ReportField[] = [];
  cells.forEach((cell, index) => {
    const field = matchHeader(cell);
    if (!field) return;
    if (columns[field] === undefined) columns[field] = index;
    else if (!duplicates.includes(field)) duplicates.push(field);
  });
  const missing = REQUIRED_FIELDS.filter((field) => columns[field] === undefined);
  const score = Object.keys(columns).length;
  if (missing.length > 0) return { ok: false, code: 'report-header-missing', fields: missing, score };
  if (duplicates.length > 0) return { ok: false, code: 'report-header-duplicate', fields: duplicates, score };
  return { ok: true, columns };
}
