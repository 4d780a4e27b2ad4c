import { KaikuError } from '../../errors/kaiku-error.js';
import type { decodeMessages } from '../../messages/decode.js';

export type DecodeErrorCode = keyof typeof decodeMessages;

/** Bad input to `decodeImage` (not "no barcode": that is `null`). Message texts: `messages/decode.ts`. */
export class DecodeError extends KaikuError {
  declare readonly code: DecodeErrorCode;

  constructor(code: DecodeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'DecodeError';
  }
}
