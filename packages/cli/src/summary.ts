/** The import's summary and problem rows as terminal text, and its progress bar (stderr, only on a terminal). */
import type { Locale } from '@kaiku-scanner/core';
import type { ImportProgress, ImportResult } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';
import type { CliIo } from './start-cli.js';

const capital = <T extends string>(s: T) => `${s[0]!.toUpperCase()}${s.slice(1)}` as Capitalize<T>;
const num = (n: number) => n.toLocaleString('fi-FI').replace(/\u00a0/g, ' ');

/** Rows as aligned columns, each line indented by two spaces. */
function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const cells = (r: readonly string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)));
  return rows.map((r) => `  ${cells(r).join('  ').trimEnd()}`).join('\n');
}

/**
 * @example
 * process.stdout.write(renderSummary(result, 'fi', { showCardIds: false }));
 */
export function renderSummary(
  result: ImportResult,
  locale: Locale,
  options: { showCardIds: boolean; maxProblems?: number },
): string {
  const c = result.counts;
  const dry = result.dryRun;
  const lines: [string, number | undefined][] = [
    [say('rowsRead', locale), c.rows],
    dry ? [say('valid', locale), c.valid] : [say('registered', locale), c.registered],
    [say('alreadyRegistered', locale), dry ? undefined : c.alreadyRegistered],
    [say('refused', locale), dry ? undefined : c.refused],
    [say('invalid', locale), c.invalid],
    [say('skipped', locale), c.skipped],
    [say('notSent', locale), dry ? undefined : c.notSent],
  ];
  const shown = lines.filter((line): line is [string, number] => line[1] !== undefined);
  const width = Math.max(...shown.map(([label]) => label.length));
  let out = shown.map(([label, n]) => `  ${label.padEnd(width)}  ${num(n).padStart(9)}`).join('\n') + '\n';
  const problems = [...result.invalid, ...result.refused].sort((a, b) => a.row - b.row);
  const max = options.maxProblems ?? 20;
  // A column by the file's own heading (the import's field name when the file has none).
  const heading = (field: string | undefined) =>
    field === undefined ? '' : result.headings?.[result.columns?.[field as 'date'] ?? -1] || field;
  if (problems.length > 0) {
    const head = ['row', 'field', 'card', 'message'] as const;
    const rows = problems
      .slice(0, max)
      .flatMap((p) =>
        p.errors.map((e, i) => [
          i === 0 ? String(p.row) : '',
          heading(e.field),
          i === 0 && p.cardId ? (options.showCardIds ? p.cardId : maskCardId(p.cardId)) : '',
          e.message[locale],
        ]),
      );
    out += `\n${say('problems', locale)}:\n${table([head.map((h) => say(h, locale)), ...rows])}\n`;
    const more = c.invalid + c.refused - Math.min(max, problems.length);
    if (more > 0) out += `  … ${say('more', locale, { n: num(more) })}\n`;
  }
  // Where each performance of the file went: the venue's show ID a row resolved to (docs/api.md).
  const shows = result.shows.slice(0, max);
  if (shows.length > 0) {
    const rows = shows.map((m) => [
      `${m.event} ${m.date}${m.time ? ` ${m.time}` : ''}`,
      `→ ${m.showId}`,
      say(`show${capital(m.how)}`, locale),
      say('showRows', locale, { n: num(m.rows) }),
    ]);
    out += `\n${say('shows', locale)}:\n${table(rows)}\n`;
    if (result.shows.length > max) out += `  … ${result.shows.length - max}\n`;
    if (result.shows.some((m) => m.how === 'unmatched')) out += `${say('unmatched', locale)}\n`;
  }
  const read = new Set(Object.values(result.columns ?? {}));
  const ignored = (result.headings ?? []).filter((h, i) => h !== '' && !read.has(i));
  if (ignored.length > 0) out += `\n${say('ignored', locale, { columns: ignored.join(', ') })}\n`;
  if (result.error) {
    out += `\n${result.error.message[locale]}${result.error.row ? ` (${say('row', locale)} ${result.error.row})` : ''}\n`;
    if (result.lastRow && result.counts.rows > 0 && !result.complete)
      out += `${say('notRead', locale, { row: result.lastRow })}\n`;
  }
  // Rows of an outbox's report sent under the import's own keys: the terminal may still send them itself.
  if (c.withoutKey > 0) out += `\n${say('withoutKey', locale, { n: num(c.withoutKey) })}\n`;
  if (result.dryRun) out += `\n${say('dryRun', locale)}\n`;
  else if (c.notSent > 0 || result.error) out += `${say('safeAgain', locale)}\n`;
  return out;
}

/**
 * Masks a card ID for terminal output: prefix letters and the last two characters stay (the row can be found).
 *
 * @example
 * maskCardId('A045198723'); // 'A*******23'
 */
export function maskCardId(cardId: string): string {
  if (cardId.length <= 4) return '*'.repeat(cardId.length);
  const prefix = /^[A-Za-z]{0,2}/.exec(cardId)?.[0] ?? '';
  const keep = Math.min(prefix.length, cardId.length - 4);
  return cardId.slice(0, keep) + '*'.repeat(cardId.length - keep - 2) + cardId.slice(-2);
}

/**
 * @example
 * renderProgress({ format: 'csv', bytesRead: 50, totalBytes: 100, rowsRead: 10, valid: 9, registered: 9, alreadyRegistered: 0, refused: 0, invalid: 1 }, 30);
 * // '[#######-------]  50%  10 rows  9 ok  1 invalid'
 */
export function renderProgress(p: ImportProgress, width = 80, dryRun = false): string {
  const ok = dryRun ? `${p.valid} valid` : `${p.registered + p.alreadyRegistered} ok`;
  const tail = ` ${p.rowsRead} rows  ${ok}${p.invalid ? `  ${p.invalid} invalid` : ''}${p.refused ? `  ${p.refused} refused` : ''}`;
  if (!p.totalBytes) return tail.trim();
  const ratio = Math.min(1, p.bytesRead / p.totalBytes);
  const barWidth = Math.max(10, Math.min(40, width - tail.length - 8));
  const done = Math.round(ratio * barWidth);
  const percent = `${Math.floor(ratio * 100)}%`.padStart(4);
  return `[${'#'.repeat(done)}${'-'.repeat(barWidth - done)}] ${percent} ${tail}`;
}

export function createProgressBar(
  sink: CliIo['stderr'],
  enabled: boolean,
  options: { dryRun?: boolean; totalBytes?: number } = {},
  now: () => number = Date.now,
) {
  const active = enabled && sink.isTTY === true;
  let last = 0;
  let drawn = false;
  return {
    update(progress: ImportProgress): void {
      if (!active || now() - last < 100) return;
      last = now();
      drawn = true;
      // The CLI knows the size (stat); an XLSX zip is read ahead of its rows, so there bytes tell nothing.
      const totalBytes = progress.format === 'xlsx' ? undefined : (progress.totalBytes ?? options.totalBytes);
      sink.write(
        `\r${renderProgress({ ...progress, totalBytes }, sink.columns || 80, options.dryRun)}\x1b[K`,
      );
    },
    done(): void {
      if (drawn) sink.write('\r\x1b[K');
    },
  };
}
