/** The report's key and hidden request parts: another terminal's import replays the same key (docs/reports.md). */
import type { OutboxRecord, OutboxUsage } from './types.js';

/** Version of the details' layout; the import refuses any other. */
export const REPORT_DETAILS_VERSION = 1;

/** cyrb53 as 14 hex digits: catches cells edited after the export, not forgery. */
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

/** Over key, whole request and shown date/time: an edited card, date or time cell no longer matches. */
export function keyedRowChecksum(key: string, usage: OutboxUsage, date: string, time: string): string {
  return reportChecksum(JSON.stringify([key, usage, date, time], sortedKeys));
}

/** Objects with their keys in order, so the checksum does not depend on the order a record was stored in. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The "details" cell: JSON of the API, the request without card IDs (one row per card), the checksum. */
export function reportDetails(record: OutboxRecord, date: string, time: string): string {
  const { cardId: _card, group, ...rest } = record.usage;
  const usage = group ? { ...rest, group: { under16Clients: group.under16Clients } } : rest;
  const json = JSON.stringify({
    v: REPORT_DETAILS_VERSION,
    api: record.target.api,
    usage,
    check: keyedRowChecksum(record.id, record.usage, date, time),
  });
  // JSON's own escape where a list separator could start a formula, so `csvCell` has nothing to change in it.
  return json.replace(/(?<=[;,][\s"]*)[=+\-@]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
}
