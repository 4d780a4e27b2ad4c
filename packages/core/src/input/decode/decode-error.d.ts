import { KaikuError } from '../../errors/kaiku-error.js';
import type { decodeMessages } from '../../messages/decode.js';
export type DecodeErrorCode = keyof typeof decodeMessages;
/** Bad input to `decodeImage` (not "no barcode": that is `null`). Message texts: `messages/decode.ts`. */
export declare class DecodeError extends KaikuError {
  readonly code: DecodeErrorCode;
  constructor(
    code: DecodeErrorCode,
    message: string,
    options?: {
      cause?: unknown;
    },
  );
}
