import type { DecodeFormat, DecodeResult } from './types.js';

/** The part of the Shape Detection API's `BarcodeDetector` we use (not in TypeScript's DOM lib). */
type DetectedBarcode = { readonly rawValue: string; readonly format: string };
type BarcodeDetectorInstance = { detect(image: ImageBitmapSource): Promise<DetectedBarcode[]> };
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
};

let supported: Promise<ReadonlySet<string>> | undefined;
const detectors = new Map<string, BarcodeDetectorInstance>();

/** The native detector when it has every wanted format; `undefined`: unusable (JS runs), `null`: nothing. */
export async function decodeNative(
  /** The frame's pixels, asked for only when the browser's detector reads these formats. */
  pixels: () => ImageData,
  formats: readonly DecodeFormat[],
  accept: (text: string, format: DecodeFormat) => boolean,
): Promise<DecodeResult | null | undefined> {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  // The class can exist with an empty list (desktop Chromium on Linux/Windows): support is checked by format, once.
  supported ??=
    typeof ctor?.getSupportedFormats !== 'function'
      ? Promise.resolve(new Set<string>())
      : (async () => new Set(await ctor.getSupportedFormats()))().catch(() => new Set<string>());
  const available = await supported;
  if (!formats.every((f) => available.has(f)) || ctor === undefined) return undefined;
  const key = formats.join(',');
  let detector = detectors.get(key);
  if (detector === undefined) {
    detector = new ctor({ formats: [...formats] });
    detectors.set(key, detector);
  }
  let found: DetectedBarcode[];
  try {
    found = await detector.detect(pixels());
  } catch {
    return undefined;
  }
  for (const barcode of found) {
    const format = barcode.format as DecodeFormat;
    if (formats.includes(format) && barcode.rawValue !== '' && accept(barcode.rawValue, format))
      return { text: barcode.rawValue, format };
  }
  return null;
}

/** Test hook: forget the cached support answer (a test may install a fake `BarcodeDetector`). */
export function resetNativeDetector(): void {
  supported = undefined;
  detectors.clear();
}
