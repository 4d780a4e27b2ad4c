import { parseCardId, type ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import type { DecodeFormat } from './types.js';

/**
 * An `accept` filter for `decodeImage` that keeps only texts `parseCardId` accepts, so a venue ticket's own barcode
 * or a poster's QR code in view does not hide the card. The caller still parses the returned text.
 *
 * @example
 * const read = await decodeImage(frame, { accept: acceptsCardId });
 */
export function acceptsCardId(text: string, _format?: DecodeFormat): boolean {
  return parseCardId(text).ok;
}

/**
 * The same filter for a non-default card-ID format or check-character mode (e.g. cards whose Code 39 carries the
 * mod-43 character: `cardIdFilter({ checkCharacter: 'verify' })`).
 *
 * @example
 * const read = await decodeImage(frame, { accept: cardIdFilter({ checkCharacter: 'verify' }) });
 */
export function cardIdFilter(options: ParseCardIdOptions): (text: string, format?: DecodeFormat) => boolean {
  return (text) => parseCardId(text, options).ok;
}
