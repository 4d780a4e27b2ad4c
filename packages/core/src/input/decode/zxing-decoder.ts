/**
 * The pure-JS decoder (@zxing/library core readers), loaded lazily by `decodeImage`.
 * QR: QRCodeReader on a HybridBinarizer, first on a half-size frame (fast, denoised), then full size, contrast
 * stretched and negative. Code 39: Code39Reader over scanlines at several angles, accepted only when two different
 * lines agree on the text (a single 1D line misreads too easily).
 */
import {
  BarcodeFormat,
  BinaryBitmap,
  BitArray,
  Code39Reader,
  DecodeHintType,
  GlobalHistogramBinarizer,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import { halve, invert, stretchContrast } from './grey-ops.js';
import { sampleScanlines } from './scanlines.js';
import type { DecodeEffort, DecodeFormat, DecodeResult, GreyImage } from './types.js';

export type ZxingOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
  readonly signal: AbortSignal | undefined;
};

const qrReader = new QRCodeReader();
const qrHints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
]);
const qrHintsHard = new Map<DecodeHintType, unknown>([...qrHints, [DecodeHintType.TRY_HARDER, true]]);

/** Scan angles for Code 39: the common near-horizontal and near-vertical holds first. */
const ANGLES_FAST = [0, 90, 15, -15, 75, -75, 30, -30, 60, -60, 45, -45];
const ANGLES_THOROUGH = [...ANGLES_FAST, 8, -8, 23, -23, 38, -38, 52, -52, 67, -67, 82, -82];
const LINES_FAST = 24;
const LINES_THOROUGH = 48;

/** Tries every pass for the wanted formats; `null` when nothing was read. Never throws for "not found". */
export async function decodeGrey(grey: GreyImage, options: ZxingOptions): Promise<DecodeResult | null> {
  const passes = planPasses(grey, options);
  for (const pass of passes) {
    options.signal?.throwIfAborted();
    const result = pass();
    if (result !== null) return result;
  }
  return null;
}

function planPasses(grey: GreyImage, options: ZxingOptions): Array<() => DecodeResult | null> {
  const wantQr = options.formats.includes('qr_code');
  const want39 = options.formats.includes('code_39');
  const thorough = options.effort === 'thorough';
  const passes: Array<() => DecodeResult | null> = [];
  const big = Math.min(grey.width, grey.height) >= 400;
  let small: GreyImage | undefined;
  const smallImage = (): GreyImage => (small ??= big ? halve(grey) : grey);
  let stretched: GreyImage | undefined;
  const stretchedImage = (): GreyImage => (stretched ??= stretchContrast(grey));
  if (wantQr) passes.push(() => readQr(smallImage(), options, false));
  if (want39) passes.push(() => readCode39(grey, ANGLES_FAST.slice(0, 2), LINES_FAST, options));
  if (wantQr && big) passes.push(() => readQr(grey, options, false));
  if (want39) passes.push(() => readCode39(grey, ANGLES_FAST.slice(2), LINES_FAST, options));
  if (wantQr) passes.push(() => readQr(invert(smallImage()), options, false));
  if (wantQr) passes.push(() => readQr(stretchedImage(), options, thorough));
  if (want39) passes.push(() => readCode39(invert(grey), ANGLES_FAST.slice(0, 4), LINES_FAST, options));
  if (thorough) {
    if (wantQr) passes.push(() => readQr(smallImage(), options, true));
    if (wantQr) passes.push(() => readQr(invert(grey), options, true));
    if (want39) passes.push(() => readCode39(stretchedImage(), ANGLES_THOROUGH, LINES_THOROUGH, options));
    if (want39) passes.push(() => readCode39(halve(grey), ANGLES_THOROUGH, LINES_THOROUGH, options));
    if (want39) passes.push(() => readCode39(invert(grey), ANGLES_THOROUGH, LINES_THOROUGH, options));
  }
  return passes;
}

function readQr(grey: GreyImage, options: ZxingOptions, tryHarder: boolean): DecodeResult | null {
  const source = new RGBLuminanceSource(grey.data, grey.width, grey.height);
  try {
    const result = qrReader.decode(
      new BinaryBitmap(new HybridBinarizer(source)),
      tryHarder ? qrHintsHard : qrHints,
    );
    const text = result.getText();
    return text !== '' && options.accept(text, 'qr_code') ? { text, format: 'qr_code' } : null;
  } catch {
    // zxing signals "no QR code here" (and damaged ones) by throwing on every frame: that is a null, not an error.
    return null;
  } finally {
    qrReader.reset();
  }
}

/**
 * Reads Code 39 along scanlines; a text is returned only when two different lines read it and no other text
 * got as many votes. Both directions of each line are tried (upside-down cards).
 */
function readCode39(
  grey: GreyImage,
  angles: readonly number[],
  lines: number,
  options: ZxingOptions,
): DecodeResult | null {
  const reader = new Code39Reader(options.code39CheckDigit, false);
  const votes = new Map<string, number>();
  for (const angle of angles) {
    const strip = sampleScanlines(grey, angle, lines);
    const binarizer = new GlobalHistogramBinarizer(
      new RGBLuminanceSource(strip.data, strip.width, strip.height),
    );
    let row = new BitArray(strip.width);
    for (let y = 0; y < strip.height; y++) {
      try {
        row = binarizer.getBlackRow(y, row);
      } catch {
        continue; // a flat row (no contrast) cannot be binarized
      }
      const text = readRow(reader, y, row) ?? readRow(reader, y, reversed(row));
      if (text === null || !options.accept(text, 'code_39')) continue;
      const count = (votes.get(text) ?? 0) + 1;
      votes.set(text, count);
      if (count >= 2 && [...votes.entries()].every(([other, n]) => other === text || n < count)) {
        return { text, format: 'code_39' };
      }
    }
  }
  return null;
}

function readRow(reader: Code39Reader, y: number, row: BitArray): string | null {
  try {
    const text = reader.decodeRow(y, row, undefined).getText();
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
}

function reversed(row: BitArray): BitArray {
  const copy = row.clone();
  copy.reverse();
  return copy;
}
