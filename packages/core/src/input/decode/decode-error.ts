import { KaikuError } from '../../errors/kaiku-error.js';
import type { decodeMessages } from '../../messages/decode.js';

/** A stable code `decodeImage` refuses bad input with (no barcode is `null`, not an error). */
export type DecodeErrorCode = keyof typeof decodeMessages;

/** Bad input to `decodeImage` (not "no barcode": that is `null`). Message texts: `messages/decode.ts`. */
export class DecodeError extends KaikuError {
  /** The stable code of the failure. */
  declare readonly code: DecodeErrorCode;

  constructor(code: DecodeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.name = 'DecodeError';
  }
}
