import { KaikuError } from '../../errors/kaiku-error.js';
import { type LocalizedText } from '../../messages/define.js';
import { type CameraMessageCode } from '../../messages/camera.js';
export type CameraErrorCode = CameraMessageCode;
/**
 * A camera failure with a stable `code` and guidance for the clerk in Finnish, Swedish and English (`text`).
 * The browser's original error, when there is one, is in `cause`.
 *
 * @example
 * try { await startCameraScan({ video }); } catch (e) { if (isKaikuError(e)) showNotice(e.code); }
 */
export declare class CameraError extends KaikuError {
    readonly code: CameraErrorCode;
    /** The guidance in every language. */
    readonly text: LocalizedText;
    constructor(code: CameraErrorCode, options?: {
        cause?: unknown;
        params?: {
            feature?: string;
        };
    });
}
/**
 * Maps what `getUserMedia` rejected with to a stable code. Names cover today's browsers and the legacy
 * Chrome/Firefox spellings (`PermissionDeniedError`, `DevicesNotFoundError`, `TrackStartError`, …).
 */
export declare function toCameraError(cause: unknown): CameraError;
