import { parseCardId, type CardIdError, type ParsedCardId } from '../../card-id/parse-card-id.js';
import type { CardIdOptions } from './decode-frame.js';

export type ParsedReading =
  | { readonly ok: true; readonly id: string; readonly card: Omit<ParsedCardId, 'ok'> }
  | { readonly ok: false; readonly error: CardIdError };

/** `parseCardId`'s verdict on a decoded text, in the shape the camera reports. */
export function parseReading(text: string, options: CardIdOptions): ParsedReading {
  const result = parseCardId(text, options);
  if (!result.ok) return { ok: false, error: result.error };
  const { ok: _ok, ...card } = result;
  return { ok: true, id: card.id, card };
}
