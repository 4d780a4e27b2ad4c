/**
 * Readers that paste instead of typing: a pasted text that is exactly one card ID (plus the reader's
 * prefix, suffix and line end) is a scan; a legacy pilot code (`E1234`) is refused with `legacy-code` as on every other
 * input path; any other paste is the user's and is left alone. A paste into the page's own field is the page's
 * (nothing is read there) unless the host allows it with `acceptPaste: 'anywhere'`.
 */
import { upperAscii } from './burst-checks.js';
import { scanOf } from './evaluate-burst.js';
import type { ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeTextRecord } from './types.js';
import { SUPPRESS } from './wedge-state.js';

/**
 * Effects of one paste.
 *
 * @example
 * pasteEffects({ type: 'paste', text: 'A045198723\r\n', timeStamp: 5 }, resolveWedgeOptions());
 */
export function pasteEffects(record: WedgeTextRecord, options: ResolvedWedgeOptions): WedgeEffect[] {
  if (options.acceptPaste === false) return [];
  if (record.hostField === true && options.acceptPaste !== 'anywhere') return [];
  let text = record.text.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
  const { prefix, suffix } = options;
  if (prefix !== '' && text.toUpperCase().startsWith(prefix.toUpperCase())) text = text.slice(prefix.length);
  if (suffix !== '' && text.toUpperCase().endsWith(suffix.toUpperCase()))
    text = text.slice(0, text.length - suffix.length);
  if (text.length < options.minLength || text.length > 64 || !/^[0-9A-Za-z]+$/.test(text)) return [];
  const parsed = options.parse(upperAscii(text), options.cardIdOptions);
  if (!parsed.ok) {
    if (parsed.error.code !== 'legacy-code' || record.hostField === true) return [];
    const { message } = parsed.error;
    return [
      { kind: 'error', error: { code: 'not-a-card-id', params: { reason: 'legacy-code' }, message } },
      ...SUPPRESS,
    ];
  }
  return [{ kind: 'scan', scan: scanOf(parsed, 'paste', 0, 0) }, ...SUPPRESS];
}
