/**
 * `@kaiku-scanner/core/decode` — reading a card's QR or Code 39 symbol from a still image or a camera frame.
 *
 * A subpath of its own so that pages import it on demand: decoding code stays out of the initial download (the
 * decoders themselves load lazily on the first call). The types are also exported from the main entry.
 */
export { decodeImage } from './decode-image.js';
export { acceptsCardId, cardIdFilter } from './accepts-card-id.js';
export { DecodeError, type DecodeErrorCode } from './decode-error.js';
export { getDecoderStatus } from './decoder-status.js';
export type { DecoderEngine, DecoderFallbackReason, DecoderStatus } from './decoder-status.js';
export { DECODE_FORMATS } from './types.js';
export type {
  DecodableImage,
  DecodeEffort,
  DecodeEngine,
  DecodeFormat,
  DecodeOptions,
  DecodeRegion,
  DecodeResult,
} from './types.js';
export { decodeMessages } from '../../messages/decode.js';
