/**
 * Validates one sales-report row: card ID (rules core), exactly one adult ticket, 0–20 child tickets,
 * an event name and a date. Pure: every reason is listed, nothing throws.
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import { isCommunityCard } from './usage-from-row.js';
import { readKeyCells } from './outbox-key.js';
import { clip } from './clip.js';
import type { ColumnMap } from './header.js';
import { parseReportDate, parseReportTime } from './parse-date.js';
import type { DateOptions } from './parse-date.js';
import { reportText, rowError } from './report-error.js';
import { REPORT_ACCEPTANCE_LABELS, REPORT_MODE_LABELS, REPORT_STATUS_LABELS } from '../messages/reports.js';
import {
  REPORT_FIELDS,
  type CellValue,
  type RawRow,
  type ReportField,
  type RowError,
  type SalesRow,
} from './types.js';

/** The API's limits (schemas/api.ts): `childTickets` ≤ 20, show name ≤ 300 characters. */
export const MAX_CHILD_TICKETS = 20;
export const MAX_EVENT_LENGTH = 300;
/** A group visit's ID: the API's ID length (a usage ID or an outbox record ID). */
export const MAX_GROUP_LENGTH = 128;

/** A sales-report row checked: the sale as a `SalesRow`, or its row number, card ID and every error. */
export type RowValidation =
  | { readonly ok: true; readonly row: SalesRow }
  | {
      readonly ok: false;
      readonly row: number;
      readonly cardId?: string;
      readonly errors: readonly RowError[];
    };

// OWASP CSV injection: cells a spreadsheet may run as a formula.
const FORMULA_START = /^[\t\r]|^\s*[=+\-@]/;
// A count as people type it: "2", " 2 ", "2,0", "2 kpl" / "2 st" / "2 pcs"; a lone dash means none.
const INTEGER = /^\s*(\d{1,6})(?:[.,]0+)?\s*(?:kpl|st|stk|pcs|pc)?\.?\s*$/i;
const DASH = /^\s*[-\u2013\u2014]\s*$/;
// Excel's text marker: a leading apostrophe typed (or exported) to keep "0123" or "3.2.2020" as text.
const TEXT_MARKER = /^\s*'/;

/** True when a cell could be run as a formula by a spreadsheet (or is one). */
export function looksLikeFormula(cell: CellValue): boolean {
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

export { clip } from './clip.js';

function formulaError(field: ReportField): RowError {
  return rowError('row-formula', field, { field });
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
  if (raw.error)
    return {
      ok: false,
      row: raw.row,
      errors: [
        { ...raw.error, message: reportText(raw.error.code as 'row-encoding-mixed', raw.error.params) },
      ],
    };
  const cell = (field: ReportField): CellValue => {
    const index = columns[field];
    const value = index === undefined ? null : (raw.cells[index] ?? null);
    // The event name is kept as written; in the other columns an apostrophe is only Excel's text marker.
    return field !== 'event' && typeof value === 'string' ? value.replace(TEXT_MARKER, '') : value;
  };
  const errors: RowError[] = [];
  // Every field of the report, in column order: a formula anywhere is reported, the fields' checks come after.
  const formulas = REPORT_FIELDS.filter((field) => {
    const value = cell(field);
    // A negative number is a wrong count and a lone dash an empty one, not a formula.
    return (
      looksLikeFormula(value) &&
      !(typeof value === 'string' && (/^\s*-\d+\s*$/.test(value) || DASH.test(value)))
    );
  });
  for (const field of formulas) errors.push(formulaError(field));

  let cardId: string | undefined;
  const cardText = cellText(cell('cardId')).trim();
  if (!formulas.includes('cardId')) {
    if (cardText === '') errors.push(rowError('row-card-id-missing', 'cardId'));
    else {
      // The scanner's parser as it is (grouped IDs included): an import shows the same reason as a scanner.
      const checked = parseCardId(cardText);
      if (checked.ok) cardId = checked.id;
      else errors.push({ ...checked.error, field: 'cardId' });
    }
  }

  const adults = cell('adults');
  if (
    !formulas.includes('adults') &&
    !(adults === null || cellText(adults).trim() === '' || count(adults) === 1)
  ) {
    errors.push(rowError('row-adults-not-one', 'adults', { value: clip(cellText(adults)) }));
  }

  const childCell = cell('children');
  const children = childCell === null || cellText(childCell).trim() === '' ? 0 : count(childCell);
  if (!formulas.includes('children') && (children === undefined || children > MAX_CHILD_TICKETS)) {
    errors.push(rowError('row-children-invalid', 'children', { value: clip(cellText(childCell)) }));
  }

  const event = cellText(cell('event')).normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!formulas.includes('event')) {
    if (event === '') errors.push(rowError('row-event-missing', 'event'));
    else if (event.length > MAX_EVENT_LENGTH)
      errors.push(rowError('row-event-too-long', 'event', { limit: MAX_EVENT_LENGTH }));
  }

  const date = parseReportDate(cell('date'), options);
  if (!date.ok && !formulas.includes('date')) {
    errors.push(
      rowError(
        date.code,
        'date',
        date.code === 'row-date-missing' ? {} : { value: clip(cellText(cell('date'))) },
      ),
    );
  }
  const time = parseReportTime(cell('time'));
  if (!time.ok && !formulas.includes('time')) {
    errors.push(rowError('row-time-invalid', 'time', { value: clip(cellText(cell('time'))) }));
  }

  const modeText = cellText(cell('mode')).trim().toLowerCase();
  const mode = (Object.keys(REPORT_MODE_LABELS) as ('booking' | 'collection')[]).find((m) =>
    Object.values(REPORT_MODE_LABELS[m]).includes(modeText as never),
  );
  if (modeText !== '' && mode === undefined && !formulas.includes('mode'))
    errors.push(rowError('row-mode-invalid', 'mode', { value: clip(cellText(cell('mode'))) }));

  const group = cellText(cell('group')).trim();
  if (group.length > MAX_GROUP_LENGTH && !formulas.includes('group'))
    errors.push(rowError('row-group-unknown', 'group', { group: clip(group) }));
  if (group !== '' && children !== undefined && children > 0 && cardId && !isCommunityCard(cardId))
    errors.push(rowError('row-group-member-children', 'children'));

  const acceptanceText = cellText(cell('acceptance')).trim().toLowerCase();
  const acceptance = labelled(REPORT_ACCEPTANCE_LABELS, acceptanceText);
  if (acceptanceText !== '' && acceptance === undefined && !formulas.includes('acceptance'))
    errors.push(
      rowError('row-acceptance-invalid', 'acceptance', { value: clip(cellText(cell('acceptance'))) }),
    );

  // The outbox's report lists the usages still waiting and those Kaikukanta refused: only the waiting ones go in.
  const statusText = cellText(cell('status')).trim().toLowerCase();
  const status = labelled(REPORT_STATUS_LABELS, statusText);
  if (status === 'needs-attention') errors.push(rowError('row-needs-attention', 'status'));
  else if (statusText !== '' && status !== 'pending' && !formulas.includes('status'))
    errors.push(rowError('row-status-invalid', 'status', { value: clip(cellText(cell('status'))) }));

  // The outbox's report: the record's key and the request's details, sent as the outbox would send them.
  const keyCells = readKeyCells(cellText(cell('key')).trim(), cellText(cell('details')).trim());
  if (!keyCells.ok && !formulas.includes('key') && !formulas.includes('details'))
    errors.push(...keyCells.errors);

  if (errors.length > 0 || !date.ok || !time.ok || cardId === undefined || children === undefined) {
    return {
      ok: false,
      row: raw.row,
      ...(cardId ? { cardId } : cardText ? { cardId: cardText } : {}),
      errors,
    };
  }
  const startTime = time.time ?? date.time;
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
      ...(acceptance ? { acceptance } : {}),
      ...(keyCells.ok && keyCells.key ? { key: keyCells.key } : {}),
    },
  };
}

/** The key whose label (in any language) is `text`, lower-cased. */
function labelled<K extends string>(
  labels: Record<K, Readonly<Record<string, string>>>,
  text: string,
): K | undefined {
  return (Object.keys(labels) as K[]).find((key) => Object.values(labels[key]).includes(text));
}
