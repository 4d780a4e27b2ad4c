import type { CardIdOptions } from './decode-frame.js';
import type { CameraRejection } from './types.js';
type ParsedCard = Readonly<Record<string, unknown>> & {
    readonly id: string;
};
export type ParsedReading = {
    readonly ok: true;
    readonly id: string;
    readonly card: ParsedCard;
} | {
    readonly ok: false;
    readonly error: CameraRejection['error'];
};
/** `parseCardId`'s verdict on a decoded text, in the shape the camera reports. */
export declare function parseReading(text: string, options: CardIdOptions): ParsedReading;
export {};
