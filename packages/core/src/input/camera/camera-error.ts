import { KaikuError } from '../../errors/kaiku-error.js';
import { renderAll, type LocalizedMessage, type LocalizedText } from '../../messages/define.js';
import { cameraMessages, type CameraMessageCode } from '../../messages/camera.js';

/** A stable code a camera scan fails with, e.g. `'camera-permission-denied'` or `'camera-not-found'`. */
export type CameraErrorCode = CameraMessageCode;

/**
 * A camera failure with a stable `code` and guidance for the clerk in Finnish, Swedish and English (`text`).
 * The browser's original error, when there is one, is in `cause`.
 *
 * @example
 * try { await startCameraScan({ video }); } catch (e) { if (isKaikuError(e)) showNotice(e.code); }
 */
export class CameraError extends KaikuError {
  /** The stable code of the failure. */
  declare readonly code: CameraErrorCode;
  /** The guidance in every language. */
  readonly text: LocalizedText;

  constructor(
    code: CameraErrorCode,
    options: { cause?: unknown; params?: { feature?: string; fields?: string } } = {},
  ) {
    const params = { feature: '', fields: '', ...options.params };
    const text = renderAll(cameraMessages[code] as LocalizedMessage<typeof params>, params);
    super(code, text.en, { cause: options.cause, params: options.params ?? {} });
    this.name = 'CameraError';
    this.text = text;
  }
}

/** `getUserMedia`'s error names, today's and the legacy Chrome/Firefox spellings, and their codes. */
const CODES = new Map(
  Object.entries<CameraErrorCode>({
    NotAllowedError: 'camera-permission-denied',
    PermissionDeniedError: 'camera-permission-denied',
    SecurityError: 'camera-permission-denied',
    NotFoundError: 'camera-not-found',
    DevicesNotFoundError: 'camera-not-found',
    NotReadableError: 'camera-in-use',
    TrackStartError: 'camera-in-use',
    // Firefox reports a camera held by another process as AbortError ("Starting videoinput failed").
    AbortError: 'camera-in-use',
    OverconstrainedError: 'camera-overconstrained',
    ConstraintNotSatisfiedError: 'camera-overconstrained',
    TypeError: 'camera-unsupported',
  }),
);

/** Maps what `getUserMedia` rejected with to a stable code (`camera-failed` for anything else). */
export function toCameraError(cause: unknown): CameraError {
  if (cause instanceof CameraError) return cause;
  const name = typeof cause === 'object' && cause !== null ? String((cause as { name?: unknown }).name) : '';
  return new CameraError(CODES.get(name) ?? 'camera-failed', { cause });
}
