import type { DecodeFormat } from './types.js';
/**
 * An `accept` filter for `decodeImage` that keeps only texts `parseCardId` accepts, so a venue ticket's own barcode
 * or a poster's QR code in view does not hide the card. The caller still parses the returned text.
 *
 * @example
 * const read = await decodeImage(frame, { accept: acceptsCardId });
 */
export declare function acceptsCardId(text: string, _format?: DecodeFormat): boolean;
