import type { DecodeFormat, DecodeResult } from './types.js';
/**
 * Formats the browser's native `BarcodeDetector` really supports. The class can exist with an empty list (desktop
 * Chromium on Linux/Windows), so presence alone proves nothing.
 */
export declare function nativeFormats(): Promise<ReadonlySet<string>>;
/**
 * Decodes with the native detector when it supports every wanted format; `undefined` when it cannot be used (then
 * the JS decoder runs), `null` when it looked and found nothing acceptable.
 */
export declare function decodeNative(
  pixels: ImageData,
  formats: readonly DecodeFormat[],
  accept: (text: string, format: DecodeFormat) => boolean,
): Promise<DecodeResult | null | undefined>;
/** Test hook: forget the cached support answer (a test may install a fake `BarcodeDetector`). */
export declare function resetNativeDetector(): void;
