import type { Locale } from '../messages/define.js';
import type { OutboxRecord } from './types.js';
import { checkOptions, type OptionKeys } from '../errors/options-error.js';

/** Column titles of the official usage report (001, "Esimerkki Kaikukortin käytön raportista"). */
const HEADERS: Record<Locale, readonly string[]> = {
  fi: ['Kortin tunnus', 'Lippu aikuiselle', 'Lippu lapselle', 'Esityksen nimi', 'Päivämäärä', 'Tarkistus'],
  sv: ['Kortnummer', 'Biljett för vuxen', 'Biljett för barn', 'Föreställningens namn', 'Datum', 'Kontroll'],
  en: ['Card ID', 'Adult tickets', 'Child tickets', 'Show', 'Date', 'Check'],
};
/** How the card was checked when the usage was accepted: online, or provisionally (offline, cache or format). */
const ACCEPTANCE: Record<Locale, Record<'online' | 'provisional', string>> = {
  fi: { online: 'verkossa', provisional: 'alustava' },
  sv: { online: 'online', provisional: 'preliminär' },
  en: { online: 'online', provisional: 'provisional' },
};
const TOTAL: Record<Locale, string> = { fi: 'Yhteensä', sv: 'Totalt', en: 'Total' };

export type CsvOptions = {
  readonly locale?: Locale;
  /** `;` by default: what Excel expects in Finnish and Swedish locales, where `,` is the decimal mark. */
  readonly separator?: ',' | ';' | '\t';
  /** Time zone for the show date (d.m.yyyy). */
  readonly timeZone?: string;
  /** Prepend a UTF-8 byte-order mark so Excel reads ä and ö correctly. */
  readonly bom?: boolean;
};

const CSV_OPTIONS = {
  locale: true,
  separator: true,
  timeZone: true,
  bom: true,
} as const satisfies OptionKeys<CsvOptions>;

/**
 * The usage report for the manual fallback: one row per usage (card ID, one adult ticket, child
 * tickets, show name, show date) and a totals row, as in the operating model's example. Cells that a
 * spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are prefixed with `'`.
 *
 * @example
 * toUsageReportCsv(records, { locale: 'fi' });
 * // "Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä\r\nE2251;1;2;Taikuri Matti;3.2.2020\r\n…"
 */
export function toUsageReportCsv(records: readonly OutboxRecord[], options: CsvOptions = {}): string {
  checkOptions('toUsageReportCsv', options, CSV_OPTIONS);
  const locale = options.locale ?? 'fi';
  const sep = options.separator ?? ';';
  const date = new Intl.DateTimeFormat('fi-FI', {
    timeZone: options.timeZone ?? 'Europe/Helsinki',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  });
  const rows: string[][] = [[...HEADERS[locale]]];
  let children = 0;
  for (const r of records) {
    const start = new Date(r.usage.show.start);
    children += r.usage.childTickets;
    rows.push([
      r.usage.cardId,
      '1',
      String(r.usage.childTickets),
      r.usage.show.name,
      Number.isNaN(start.getTime()) ? r.usage.show.start : date.format(start),
      ACCEPTANCE[locale][r.acceptance],
    ]);
  }
  rows.push([TOTAL[locale], String(records.length), String(children), '', '', '']);
  const text = rows.map((row) => row.map((cell) => csvCell(cell, sep)).join(sep)).join('\r\n') + '\r\n';
  return (options.bom ?? true) ? `\uFEFF${text}` : text;
}

/** Neutralizes formula injection (OWASP) and quotes when needed (RFC 4180). */
export function csvCell(value: string, sep: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(sep) || /["\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
