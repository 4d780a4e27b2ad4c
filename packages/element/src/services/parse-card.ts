import { parseCardId } from '@kaiku-scanner/core/wedge';
import type { ParsedCardId } from './types.js';

/** The core's card-ID parser, its result as the element's `ParsedCardId`. */
export function parseForElement(raw: string): ParsedCardId {
  const r = parseCardId(raw);
  return r.ok
    ? { ok: true, id: r.id }
    : { ok: false, reason: { code: r.error.code, message: r.error.message } };
}
