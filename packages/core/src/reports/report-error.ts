import { KaikuError } from '../errors/kaiku-error.js';
import { renderAll, type LocalizedText, type MessageParams } from '../messages/define.js';
import { reportMessages, type ReportMessageCode } from '../messages/reports.js';
import type { ReportField, RowError } from './types.js';
import { ownValue } from '../schemas/own-value.js';

/** Plain parameters of a report code's text. */
type Params = Readonly<Record<string, string | number>>;

/** Renders a report code's text in every language. */
export function reportText(code: ReportMessageCode, params: Params = {}): LocalizedText {
  return renderAll(reportMessages[code] as never, params as MessageParams as never);
}

/** A reason's text as an import words it (read in an office, not at a counter): its `row-<code>` text or `fallback`. */
export function officeText(code: string, params: Params, fallback: LocalizedText): LocalizedText {
  const own = ownValue(reportMessages, `row-${code}`);
  return own ? renderAll(own as never, params as MessageParams as never) : fallback;
}

/** A row issue with its message, for a report code. */
export function rowError(code: ReportMessageCode, field?: ReportField, params: Params = {}): RowError {
  return { code, ...(field ? { field } : {}), params, message: reportText(code, params) };
}

/**
 * A file-level failure of an import or export (empty file, wrong header, unreadable file, size limit…).
 * `localized` has the text in Finnish, Swedish and English; `row` the 1-based row where it happened.
 *
 * @example
 * catch (e) { if (e instanceof ReportError) show(e.localized[locale]); }
 */
export class ReportError extends KaikuError {
  /** The text in Finnish, Swedish and English. */
  readonly localized: LocalizedText;
  /** The 1-based row where it happened, when it is about one row. */
  readonly row: number | undefined;
  constructor(code: ReportMessageCode, params: Params = {}, options: { cause?: unknown; row?: number } = {}) {
    const localized = reportText(code, params);
    super(code, localized.en, { cause: options.cause, params });
    this.name = 'ReportError';
    this.localized = localized;
    this.row = options.row;
  }
}

/** Wraps anything thrown while reading into a `ReportError` (keeps ours as they are). */
export function toReportError(
  error: unknown,
  fallback: ReportMessageCode = 'report-unreadable',
): ReportError {
  if (error instanceof ReportError) return error;
  return new ReportError(fallback, {}, { cause: error });
}

// Anything shaped like a card ID, wherever it is (slipped columns put one in the date column): never in messages.
const CARD_ID_LIKE = /[A-Za-z]{1,2}[\s*'-]?\d(?:[\s-]?\d){5,}/g;

/**
 * A cell's text for a message: card-ID-like parts blanked out, at most 40 characters.
 *
 * @example
 * clip('A045198723 3.2.2020'); // '••• 3.2.2020'
 */
export const clip = (text: string): string => {
  const safe = text.replace(CARD_ID_LIKE, '•••');
  return safe.length > 40 ? `${safe.slice(0, 40)}…` : safe;
};
