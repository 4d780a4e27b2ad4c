/**
 * A one-line progress bar for long imports, drawn on stderr only when stderr is a terminal (so logs and
 * pipes stay clean), redrawn at most every 100 ms.
 */
import type { ImportProgress } from '@kaiku-scanner/core/reports';

export type ProgressSink = { isTTY?: boolean; columns?: number; write(text: string): unknown };

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
  sink: ProgressSink,
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
      // A file stream does not know its size; the CLI does (from stat). An XLSX zip is read ahead of its
      // rows, so bytes tell nothing there: rows only.
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
