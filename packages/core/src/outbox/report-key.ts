/**
 * What the outbox's report carries so that another terminal's import sends a queued usage exactly as the outbox
 * will: the record's idempotency key, and the parts of the request the report's visible columns do not show
 * (target, show ID, start, kind, channel, client time). Whichever copy reaches Kaikukanta second is then a replay of
 * the same key and body, never a second usage (docs/reports.md, "The outbox's report").
 */
import type { OutboxRecord, OutboxUsage } from './types.js';

/** Version of the details' layout; the import refuses any other. */
export const REPORT_DETAILS_VERSION = 1;

/**
 * A 53-bit checksum (cyrb53) as 14 hex digits. It catches cells edited after the export, not forgery: anyone who
 * can edit the file can recompute it, and then still only sends what the outbox would send under that key.
 */
export function reportChecksum(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * The checksum of a keyed row: the key, the whole request (card IDs included) and the show's day and time as the
 * report shows them (`YYYY-MM-DD`, `HH:MM`), so a changed card, date or time cell no longer matches the key.
 */
export function keyedRowChecksum(key: string, usage: OutboxUsage, date: string, time: string): string {
  return reportChecksum(JSON.stringify([key, usage, date, time], sortedKeys));
}

/** Objects with their keys in order, so the checksum does not depend on the order a record was stored in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The report's "details" cell of a record: JSON with the target's API, the request without its card IDs (those are in the card column, one row per card), and the
 * checksum. `date` and `time` are the row's date and time as `YYYY-MM-DD` and `HH:MM`.
 *
 * @example
 * reportDetails(record, '2020-02-03', '18:00');
 * // '{"v":1,"api":"https://kaikukanta.example/api/","usage":{"venueId":"teatteri-hilla",…},"check":"…"}'
 */
export function reportDetails(record: OutboxRecord, date: string, time: string): string {
  const { cardId: _card, group, ...rest } = record.usage;
  const usage = group ? { ...rest, group: { under16Clients: group.under16Clients } } : rest;
  return JSON.stringify({
    v: REPORT_DETAILS_VERSION,
    api: record.target.api,
    usage,
    check: keyedRowChecksum(record.id, record.usage, date, time),
  });
}
