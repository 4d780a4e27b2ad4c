/**
 * Validates one sales-report row: card ID (rules core), exactly one adult ticket, 0–20 child tickets,
 * an event name and a date. Pure: every reason is listed, nothing throws.
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import { isCommunityCard, readKeyCells } from './usage-from-row.js';
import type { ColumnMap } from './header.js';
import { parseReportDate, parseReportTime } from './parse-date.js';
import type { DateOptions } from './parse-date.js';
import { clip, officeText, reportText, rowError } from './report-error.js';
import type { ReportMessageCode } from '../messages/reports.js';
import type { LocalizedText } from '../messages/define.js';
import { REPORT_ACCEPTANCE_LABELS, REPORT_MODE_LABELS, REPORT_STATUS_LABELS } from '../messages/reports.js';
import {
  REPORT_FIELDS,
  type CellValue,
  type RawRow,
  type ReportField,
  type RowError,
  type RowOutcome,
  type SalesRow,
} from './types.js';

/** The API's limits (schemas/api.ts): `childTickets` ≤ 20, show name ≤ 300 characters. */
export const MAX_CHILD_TICKETS = 20;
export const MAX_EVENT_LENGTH = 300;
/** A group visit's ID: the API's ID length (a usage ID or an outbox record ID). */
export const MAX_GROUP_LENGTH = 128;

/** A sales-report row checked: the sale as a `SalesRow`, or its row number, card ID and every error. */
export type RowValidation =
  { readonly ok: true; readonly row: SalesRow } | ({ readonly ok: false } & RowOutcome);

// OWASP CSV injection: cells a spreadsheet may run as a formula. A negative number is a wrong count and a lone
// dash an empty one, not a formula.
const FORMULA_START = /^(?!\s*-\d+\s*$)(?!\s*[-\u2013\u2014]\s*$)(?:[\t\r]|\s*[=+\-@])/;
// A count as people type it: "2", " 2 ", "2,0", "2 kpl" / "2 st" / "2 pcs"; a lone dash means none.
const INTEGER = /^\s*(\d{1,6})(?:[.,]0+)?\s*(?:kpl|st|stk|pcs|pc)?\.?\s*$/i;
const DASH = /^\s*[-\u2013\u2014]\s*$/;
// Excel's text marker: a leading apostrophe typed (or exported) to keep "0123" or "3.2.2020" as text.
const TEXT_MARKER = /^\s*'/;

/** True when a cell could be run as a formula by a spreadsheet (or is one). */
function looksLikeFormula(cell: CellValue): boolean {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) return true;
  return typeof cell === 'string' && FORMULA_START.test(cell);
}

/** A cell as display text (dates as ISO), for messages. */
export function cellText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString();
  if (typeof cell === 'object') return `=${cell.formula}`;
  return String(cell);
}

function count(cell: CellValue): number | undefined {
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell : undefined;
  if (typeof cell !== 'string') return undefined;
  if (DASH.test(cell)) return 0;
  const m = INTEGER.exec(cell);
  return m ? Number(m[1]) : undefined;
}

/** The key whose label (in any language) is `text`, lower-cased. */
function labelled<K extends string>(labels: Record<K, Readonly<Record<string, string>>>, text: string) {
  return (Object.keys(labels) as K[]).find((key) => Object.values(labels[key]).includes(text.toLowerCase()));
}

/**
 * Checks one raw row of a sales report against the recognised columns; never throws: every problem is a
 * `row-*` error with its text.
 *
 * @example
 * validateSalesRow({ row: 2, cells: ['A045198723', 1, 2, 'Taikuri Matti', '3.2.2020'] },
 *   { cardId: 0, adults: 1, children: 2, event: 3, date: 4 });
 * // { ok: true, row: { row: 2, cardId: 'A045198723', childTickets: 2, event: 'Taikuri Matti', date: '2020-02-03' } }
 */
export function validateSalesRow(raw: RawRow, columns: ColumnMap, options: DateOptions = {}): RowValidation {
  if (raw.error) {
    const message = reportText(raw.error.code as ReportMessageCode, raw.error.params);
    return { ok: false, row: raw.row, errors: [{ ...raw.error, message }] };
  }
  const cell = (field: ReportField): CellValue => {
    const index = columns[field];
    const value = index === undefined ? null : (raw.cells[index] ?? null);
    // The event name is kept as written; in the other columns an apostrophe is only Excel's text marker.
    return field !== 'event' && typeof value === 'string' ? value.replace(TEXT_MARKER, '') : value;
  };
  const text = (field: ReportField) => cellText(cell(field)).trim();
  const value = (field: ReportField) => ({ value: clip(cellText(cell(field))) });
  // The columns the import reads, in column order: a formula is reported, and that column's checks are skipped.
  const formulas = new Set(REPORT_FIELDS.filter((field) => looksLikeFormula(cell(field))));
  const errors: RowError[] = [...formulas].map((field) => rowError('row-formula', field, { field }));
  const fail = (
    field: ReportField,
    code: ReportMessageCode,
    params: Record<string, string | number> = {},
  ) => {
    if (!formulas.has(field)) errors.push(rowError(code, field, params));
  };

  let cardId: string | undefined;
  const cardText = text('cardId');
  if (cardText === '') fail('cardId', 'row-card-id-missing');
  else if (!formulas.has('cardId')) {
    // The scanner's parser as it is (grouped IDs included): an import shows the same reason as a scanner.
    const checked = parseCardId(cardText);
    if (checked.ok) cardId = checked.id;
    else {
      const { code, params, message } = checked.error;
      errors.push({ ...checked.error, field: 'cardId', message: officeText(code, params, message) });
    }
  }
  if (text('adults') !== '' && count(cell('adults')) !== 1)
    fail('adults', 'row-adults-not-one', value('adults'));
  const children = text('children') === '' ? 0 : count(cell('children'));
  if (children === undefined || children > MAX_CHILD_TICKETS)
    fail('children', 'row-children-invalid', value('children'));
  const event = cellText(cell('event')).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (event === '') fail('event', 'row-event-missing');
  else if (event.length > MAX_EVENT_LENGTH) fail('event', 'row-event-too-long', { limit: MAX_EVENT_LENGTH });
  const date = parseReportDate(cell('date'), options);
  if (!date.ok) fail('date', date.code, date.code === 'row-date-missing' ? {} : value('date'));
  const time = parseReportTime(cell('time'));
  if (!time.ok) fail('time', 'row-time-invalid', value('time'));
  // A column of words the report writes (`messages/reports.ts`), read back in any of the languages.
  const word = <K extends string>(
    field: 'mode' | 'acceptance' | 'status',
    labels: Record<K, LocalizedText>,
  ) => {
    const key = labelled(labels, text(field));
    if (text(field) !== '' && !key) fail(field, `row-${field}-invalid`, value(field));
    return key;
  };
  const mode = word('mode', REPORT_MODE_LABELS);
  const group = text('group');
  if (group.length > MAX_GROUP_LENGTH) fail('group', 'row-group-unknown', { group: clip(group) });
  if (group !== '' && children && cardId && !isCommunityCard(cardId))
    errors.push(rowError('row-group-member-children', 'children'));
  const acceptance = word('acceptance', REPORT_ACCEPTANCE_LABELS);
  // The outbox's report lists the usages still waiting and those Kaikukanta refused: only the waiting ones go in.
  const status = word('status', REPORT_STATUS_LABELS);
  if (status === 'needs-attention') errors.push(rowError('row-needs-attention', 'status'));
  else if (status && status !== 'pending') fail('status', 'row-status-invalid', value('status'));
  // The outbox's report: the record's key and the request's details, sent as the outbox would send them.
  const keyCells = readKeyCells(text('key'), text('details'));
  if (!keyCells.ok && !formulas.has('key') && !formulas.has('details')) errors.push(...keyCells.errors);

  if (errors.length > 0 || !date.ok || !time.ok || cardId === undefined || children === undefined) {
    const shown = cardId ?? cardText;
    return { ok: false, row: raw.row, ...(shown ? { cardId: shown } : {}), errors };
  }
  const startTime = time.time ?? date.time;
  const venue = text('venue').normalize('NFC');
  return {
    ok: true,
    row: {
      row: raw.row,
      cardId,
      childTickets: children,
      event,
      date: date.date,
      ...(startTime ? { time: startTime } : {}),
      ...(mode ? { mode } : {}),
      ...(group ? { group } : {}),
      ...(venue ? { venue } : {}),
      ...(acceptance ? { acceptance } : {}),
      ...(keyCells.ok && keyCells.key ? { key: keyCells.key } : {}),
    },
  };
}
