/** The import's summary table and problem rows, as plain text for a terminal. */
import type { Locale } from '@kaiku-scanner/core';
import type { ImportResult, RowOutcome } from '@kaiku-scanner/core/reports';
import { say } from './cli-text.js';

const num = (n: number) => n.toLocaleString('fi-FI').replace(/\u00a0/g, ' ');

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
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
  const lines: [string, number][] = [
    [say('rowsRead', locale), c.rows],
    result.dryRun ? [say('valid', locale), c.valid] : [say('registered', locale), c.registered],
    ...(result.dryRun
      ? []
      : ([[say('alreadyRegistered', locale), c.alreadyRegistered]] as [string, number][])),
    ...(result.dryRun ? [] : ([[say('refused', locale), c.refused]] as [string, number][])),
    [say('invalid', locale), c.invalid],
    [say('skipped', locale), c.skipped],
    ...(result.dryRun ? [] : ([[say('notSent', locale), c.notSent]] as [string, number][])),
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  let out = lines.map(([label, n]) => `  ${label.padEnd(width)}  ${num(n).padStart(9)}`).join('\n') + '\n';
  const problems: (RowOutcome & { kind: string })[] = [
    ...result.invalid.map((r) => ({ ...r, kind: 'invalid' })),
    ...result.refused.map((r) => ({ ...r, kind: 'refused' })),
  ].sort((a, b) => a.row - b.row);
  const max = options.maxProblems ?? 20;
  if (problems.length > 0) {
    const head = [
      say('row', locale),
      say('field', locale),
      say('code', locale),
      say('card', locale),
      say('message', locale),
    ];
    const rows = problems
      .slice(0, max)
      .flatMap((p) =>
        p.errors.map((e, i) => [
          i === 0 ? String(p.row) : '',
          e.field ?? '',
          e.code,
          i === 0 && p.cardId ? (options.showCardIds ? p.cardId : maskCardId(p.cardId)) : '',
          e.message[locale],
        ]),
      );
    out += `\n${say('problems', locale)}:\n${table([head, ...rows])
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`;
    const more = c.invalid + c.refused - Math.min(max, problems.length);
    if (more > 0) out += `  … ${say('more', locale, { n: num(more) })}\n`;
  }
  if (result.error) {
    out += `\n${result.error.message[locale]}${result.error.row ? ` (${say('row', locale)} ${result.error.row})` : ''}\n`;
    if (result.lastRow && result.counts.rows > 0)
      out += `${say('notRead', locale, { row: result.lastRow })}\n`;
  }
  // Rows of an outbox's report sent under the import's own keys: the terminal may still send them itself.
  if (c.withoutKey > 0) out += `\n${say('withoutKey', locale, { n: num(c.withoutKey) })}\n`;
  if (result.dryRun) out += `\n${say('dryRun', locale)}\n`;
  else if (c.notSent > 0 || result.error) out += `${say('safeAgain', locale)}\n`;
  return out;
}

/**
 * Masks a card ID for terminal output: the prefix letters and the last two characters stay, so a clerk
 * can still find the row, but the ID cannot be copied from a screen, a log or a CI transcript.
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
