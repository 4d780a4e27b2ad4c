import { parseCardId } from '../../card-id/parse-card-id.js';
import type { CardIdOptions } from './decode-frame.js';
import type { CameraRejection } from './types.js';

type ParsedCard = Readonly<Record<string, unknown>> & { readonly id: string };

export type ParsedReading =
  | { readonly ok: true; readonly id: string; readonly card: ParsedCard }
  | { readonly ok: false; readonly error: CameraRejection['error'] };

/** `parseCardId`'s verdict on a decoded text, in the shape the camera reports. */
export function parseReading(text: string, options: CardIdOptions): ParsedReading {
  const parse = parseCardId as (raw: string, options?: CardIdOptions) => Record<string, unknown>;
  const result = parse(text, options);
  if (result.ok === true) {
    const { ok: _ok, ...card } = result;
    const id = typeof card.id === 'string' ? card.id : text;
    return { ok: true, id, card: { ...card, id } };
  }
  const error = result.error as CameraRejection['error'] | undefined;
  return { ok: false, error: error ?? { code: 'invalid' } };
}
