/**
 * The pure-JS decoder (@zxing/library core readers), loaded lazily by `decodeImage`.
 * QR: QRCodeReader on a HybridBinarizer, first on a half-size frame (fast, denoised), then full size, negative,
 * contrast stretched and with the light taken out. Code 39: Code39Reader over scanlines along the axes of located
 * bar-code regions (any rotation), then (thorough) blind lines across the frame; accepted only when two different
 * lines agree on the text.
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
import type { ResultPoint } from '@zxing/library';
import {
  boxBlur,
  cropGrey,
  FLATTEN_RADIUS,
  flattenLight,
  halve,
  invert,
  stretchContrast,
} from './grey-ops.js';
import { code39CheckCharacter } from '../../card-id/code39.js';
import { locateLinearCodes } from './code39-locator.js';
import { MAX_PROFILE, readBlurredCode39 } from './code39-profile.js';
import { readCode39Tolerant } from './code39-row.js';
import { quadBox, searchQrFromFinders, searchQrGrid } from './qr-grid-search.js';
import type { Finder } from './qr-grid-search.js';
import { frameBundle, normalizeLocally, sampleLines, sharpenRows } from './scanlines.js';
import type { LineBundle } from './scanlines.js';
import type { DecodeEffort, DecodeFormat, DecodeResult, GreyImage, Quad } from './types.js';

export type ZxingOptions = {
  readonly formats: readonly DecodeFormat[];
  readonly effort: DecodeEffort;
  readonly accept: (text: string, format: DecodeFormat) => boolean;
  readonly code39CheckDigit: boolean;
  readonly signal: AbortSignal | undefined;
  /** zxing-cpp already ran on this frame: only the passes that add to it (located, rotated Code 39). */
  readonly rescueOnly?: boolean;
  /** QR codes zxing-cpp located but could not decode: read again there (crops, full resolution). */
  readonly unreadQr?: readonly Quad[];
  /**
   * Called (once or more) when a pass saw a symbol it could not read: two finder patterns of a card-sized QR code, or
   * a located bar-code region. Never on a frame where nothing looks like a symbol.
   */
  readonly onUnread?: () => void;
  /** Test hook: called for each unit of work (a bundle of scanlines read, a located code's profiles fitted). */
  readonly trace?: (work: 'bundle' | 'profile') => void;
};

const qrReader = new QRCodeReader();
const qrHints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
]);
const qrHintsHard = new Map<DecodeHintType, unknown>([...qrHints, [DecodeHintType.TRY_HARDER, true]]);

/** Blind Code 39 search angles (when the locator finds no region): near-horizontal and near-vertical first. */
const BLIND_ANGLES = [0, 90, 15, -15, 75, -75, 30, -30, 60, -60, 45, -45];
const BLIND_LINES = 24;

/** Tries the passes for the wanted formats in order; `null` when nothing was read. Never throws for "not found". */
export async function decodeGrey(grey: GreyImage, options: ZxingOptions): Promise<DecodeResult | null> {
  // zxing-js says "not found" by throwing, for every row and every detector attempt, and each exception captures a
  // stack trace (V8: `Error.captureStackTrace`) — a tenth of a frame's time where nothing reads. The passes run
  // synchronously, so no other code sees the limit while it is 0; it is restored before this function returns.
  const errors = Error as ErrorConstructor & { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  if (limit !== undefined) errors.stackTraceLimit = 0;
  try {
    for (const pass of planPasses(grey, options)) {
      options.signal?.throwIfAborted();
      const result = pass();
      if (result !== null) return result;
    }
    return null;
  } finally {
    if (limit !== undefined) errors.stackTraceLimit = limit;
  }
}

type Pass = () => DecodeResult | null;

function planPasses(grey: GreyImage, options: ZxingOptions): Pass[] {
  const wantQr = options.formats.includes('qr_code');
  const want39 = options.formats.includes('code_39');
  const thorough = options.effort === 'thorough';
  // Halving helps 720p and up; on 640×480 it makes card-sized QR modules too small.
  const big = Math.min(grey.width, grey.height) >= 600;
  const lazy = <T>(make: () => T): (() => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const small = lazy(() => (big ? halve(grey) : grey));
  const stretched = lazy(() => stretchContrast(grey));
  // Finder-pattern triples the QR passes may grid-search in this frame (81 grids each): work, not time, is bounded.
  const finderBudget: FinderBudget = { triples: thorough ? 6 : 2 };
  const qrInView = (): boolean => finderBudget.qrInView === true;
  const regions = lazy(() => locateLinearCodes(stretched()));
  // Located regions whose own lines read another barcode (a ticket's Code 39 the filter refuses, see `readCode39`):
  // the later passes, which cost the most, skip them — on a frame with a ticket and no card, all of them.
  const foreign = new Set<LineBundle>();
  const open = (): LineBundle[] => regions().filter((b) => !foreign.has(b));
  const located = (): Pass => () => {
    const list = regions();
    return readCode39(stretched(), list, options, (i) => foreign.add(list[i] as LineBundle));
  };
  // The same lines, each the mean of 7 parallel ones along the bars (sensor noise of a dim frame averages out) and
  // across the whole frame (noise splits one code into several located pieces, none spanning start to stop).
  const locatedThick = (): Pass => () =>
    readCode39(
      stretched(),
      open().map((b) => ({ ...b, thickness: 7, length: acrossFrame(b, grey) })),
      options,
    );
  // Blurred bars no threshold separates: blurred templates fitted to profiles averaged over the bars' height.
  const blurred = (): Pass => () => readCode39Profiles(stretched(), open(), options);
  // The largest located region read by templates once more, on the frame with the light taken out over twice the QR
  // radius (a wide bar at 720p is about 9 px): a shadow's edge across a sharp bar code at 720p defeats the row
  // thresholds and the profile's own flattening along the line (±12 px), not the 2-D envelopes. Only where a region
  // was located and nothing read it.
  const flatBlurred = (): Pass => () => {
    const [largest] = open();
    if (largest === undefined) return null;
    return readCode39Profiles(flattenLight(grey, 2 * FLATTEN_RADIUS), [largest], options, false);
  };
  // Blind lines across the frame, horizontal and vertical first: only when looking thoroughly. In fast mode, where
  // the located passes above found a region and read nothing, they were the costliest pass (24 lines per angle) and
  // read no card the located passes missed (docs/decoding.md, item 5).
  const blind =
    (angles: number[]): Pass =>
    () =>
      readCode39(
        stretched(),
        angles.map((a) => frameBundle(grey, a, BLIND_LINES)),
        options,
      );
  const qr =
    (image: () => GreyImage, hard: boolean): Pass =>
    () =>
      readQr(image(), options, hard, finderBudget);
  const passes: Pass[] = [];
  if (options.rescueOnly) {
    // zxing-cpp already tried QR (rotated, inverted, downscaled) and axis-aligned Code 39. Where it located a QR
    // code it could not decode (a bent card breaks its grid), zxing-js samples differently: retry in a crop.
    for (const quad of wantQr ? (options.unreadQr ?? []).slice(0, 2) : []) {
      const crop = lazy(() => cropGrey(grey, quadBox(quad)));
      passes.push(
        () => qrFromGrid(grey, quad, options),
        qr(crop, true),
        qr(() => stretchContrast(crop()), true),
      );
    }
    // zxing-cpp located no QR code at all: its binariser can lose a symbol that zxing-js's finds (a shadow's edge
    // across the finder patterns). One zxing-js pass on the half-size frame, before the Code 39 passes (it is the
    // cheaper): bounded by work — one detector run, at most `finderBudget.triples` grid searches — not by time.
    if (wantQr && !thorough && (options.unreadQr ?? []).length === 0) {
      passes.push(qr(small, false));
      // That pass saw two finder patterns of one card-sized QR code (`finderPair`) and still read nothing: a shadow's
      // edge or a glare spot across it, or (720p) modules too fine at half size. Only then the frame at full size and
      // with the light taken out; a frame without a QR code never gets here.
      const ifEvidence =
        (image: () => GreyImage): Pass =>
        () =>
          qrInView() ? readQr(image(), options, false, { triples: 1 }) : null;
      if (big) passes.push(ifEvidence(() => grey));
      passes.push(ifEvidence(() => flattenLight(grey, FLATTEN_RADIUS)));
    }
    if (want39) passes.push(located(), locatedThick(), blurred(), flatBlurred());
    // What the caller may still try (decode-image.ts: zxing-cpp on the flattened frame) where a symbol was seen.
    passes.push(() => {
      if (qrInView() || (want39 && open().length > 0)) options.onUnread?.();
      return null;
    });
    if (!thorough) return passes;
    if (want39) passes.push(blind(BLIND_ANGLES.slice(0, 2)));
  } else {
    if (wantQr) passes.push(qr(small, false));
    if (want39) passes.push(located());
    if (wantQr && big) passes.push(qr(() => grey, false));
    if (wantQr) passes.push(qr(() => invert(small()), false));
    if (wantQr) passes.push(qr(stretched, false));
    if (wantQr && !big) passes.push(qr(() => boxBlur(grey), false));
    // With the light taken out (a glare spot or a shadow's edge flips a band of modules for the binariser), as the
    // wasm engine's thorough pass does; here the last QR pass of the JS engine, whose frames come from a page whose
    // CSP blocks WebAssembly. At 640×480 in the camera's call (where its misses were), at any size for stills.
    if (wantQr && (!big || thorough)) passes.push(qr(() => flattenLight(grey, FLATTEN_RADIUS), false));
    if (want39) passes.push(locatedThick(), blurred(), flatBlurred());
    if (want39 && thorough) passes.push(blind(BLIND_ANGLES.slice(0, 2)));
  }
  if (thorough) {
    if (wantQr)
      passes.push(
        qr(small, true),
        qr(() => invert(grey), true),
        qr(() => stretchContrast(small()), true),
      );
    if (want39)
      passes.push(blind(BLIND_ANGLES), () => readCode39(small(), locateLinearCodes(small()), options));
  }
  return passes;
}

function qrFromGrid(grey: GreyImage, quad: Quad, options: ZxingOptions): DecodeResult | null {
  const text = searchQrGrid(grey, quad, (t) => options.accept(t, 'qr_code'), options.effort);
  return text === null ? null : { text, format: 'qr_code' };
}

/** Grid searches left for this frame; `qrInView`: set when a pass saw finder patterns of one QR code it did not read. */
type FinderBudget = { triples: number; qrInView?: boolean };

function readQr(
  grey: GreyImage,
  options: ZxingOptions,
  tryHarder: boolean,
  budget: FinderBudget,
): DecodeResult | null {
  const source = new RGBLuminanceSource(grey.data, grey.width, grey.height);
  const bitmap = new BinaryBitmap(new HybridBinarizer(source));
  // The finder patterns zxing-js sees on the way: when it cannot decode a symbol from them, the grid search can.
  const finders: Finder[] = [];
  const hints = new Map(tryHarder ? qrHintsHard : qrHints);
  hints.set(DecodeHintType.NEED_RESULT_POINT_CALLBACK, {
    foundPossibleResultPoint: (point: ResultPoint) =>
      finders.push({
        x: point.getX(),
        y: point.getY(),
        module:
          point instanceof Object && 'getEstimatedModuleSize' in point
            ? (point as ResultPoint & { getEstimatedModuleSize(): number }).getEstimatedModuleSize()
            : 1,
      }),
  });
  try {
    const result = qrReader.decode(bitmap, hints);
    const text = result.getText();
    return text !== '' && options.accept(text, 'qr_code') ? { text, format: 'qr_code' } : null;
  } catch {
    // zxing signals "no QR code here" (and damaged ones) by throwing on every frame: that is a null, not an error.
    // Largest modules first: sensor noise in a dim frame gives dozens of candidates with 1–2 px modules, found
    // before (above) a card's, and only the first 8 are paired; a card's finder patterns are the largest squares.
    const ranked = [...finders].sort((a, b) => b.module - a.module);
    if (finderPair(ranked)) budget.qrInView = true;
    if (ranked.length < 3) return null;
    const text = searchQrFromFinders(
      bitmap.getBlackMatrix(),
      ranked,
      (t) => options.accept(t, 'qr_code'),
      budget,
      options.effort,
    );
    return text === null ? null : { text, format: 'qr_code' };
  } finally {
    qrReader.reset();
  }
}

/** The smallest module (pixels of the image read) of a finder pattern `finderPair` counts. */
const MIN_PAIR_MODULE = 2.5;

/**
 * Whether two of the finder patterns zxing-js saw could be two corners of one card's QR code: modules of at least
 * `MIN_PAIR_MODULE` px, the same size within 40 %, 12–30 modules apart (a version-1 or -2 symbol, side or diagonal,
 * tilted). A shadow or a glare spot over the third corner leaves two. Text gives such pairs with modules under 2 px
 * (on 300 frames without a card, drawn as the benchmark draws them, none fired; docs/decoding.md).
 */
function finderPair(finders: readonly Finder[]): boolean {
  const list = finders.slice(0, 8);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as Finder;
      const b = list[j] as Finder;
      if (
        Math.min(a.module, b.module) < MIN_PAIR_MODULE ||
        Math.max(a.module, b.module) > 1.4 * Math.min(a.module, b.module)
      )
        continue;
      const modules = Math.hypot(a.x - b.x, a.y - b.y) / ((a.module + b.module) / 2);
      if (modules >= 12 && modules <= 30) return true;
    }
  }
  return false;
}

/**
 * Reads Code 39 along bundles of scanlines, dark-on-light and light-on-dark (negatives), both directions. A text
 * is returned only when two different lines read it and no other text got as many votes: one 1D line misreads too
 * easily (a wrong bar width turns one character into another).
 */
function readCode39(
  grey: GreyImage,
  bundles: readonly LineBundle[],
  options: ZxingOptions,
  onForeign?: (index: number) => void,
): DecodeResult | null {
  const reader = new Code39Reader(options.code39CheckDigit, false);
  // Per acceptable text, the lines (bundle and row) that read it.
  const votes = new Map<string, Set<string>>();
  next: for (const [index, bundle] of bundles.entries()) {
    options.trace?.('bundle');
    const strip = sampleLines(grey, bundle);
    const local = lazyNormalized(strip);
    const sharp = lazyNormalized(strip, sharpenRows);
    // Another barcode: a text the filter refuses, read across the middle of the region (the located code itself,
    // not a neighbour the line reaches) on a line in each half of it (the code spans the region: no card's code
    // beside it there), where no line read an acceptable text. The rest of this bundle's readings are skipped.
    const refused = new Map<string, number>();
    let acceptable = false;
    for (const polarity of [
      () => strip,
      () => invert(strip),
      local,
      () => invert(local()),
      sharp,
      () => invert(sharp()),
    ]) {
      const image = polarity();
      const binarizer = new GlobalHistogramBinarizer(
        new RGBLuminanceSource(image.data, image.width, image.height),
      );
      let row = new BitArray(image.width);
      for (let y = 0; y < image.height; y++) {
        try {
          row = binarizer.getBlackRow(y, row);
        } catch {
          continue; // a flat row (no contrast) cannot be binarized
        }
        const read = readRow(reader, y, row) ?? mirrored(readRow(reader, y, reversed(row)), image.width);
        const text = read?.text ?? readTolerant(row, options);
        if (text === null) continue;
        if (!options.accept(text, 'code_39')) {
          if (onForeign === undefined || acceptable || read === null) continue;
          if (
            Math.min(read.from, read.to) > image.width / 2 ||
            Math.max(read.from, read.to) < image.width / 2
          )
            continue;
          const middle = (image.height - 1) / 2;
          const halves = (refused.get(text) ?? 0) | (y < middle ? 1 : y > middle ? 2 : 0);
          refused.set(text, halves);
          if (halves === 3) {
            onForeign(index);
            continue next;
          }
          continue;
        }
        acceptable = true;
        const lines = votes.get(text) ?? new Set<string>();
        lines.add(`${index}:${y}`);
        votes.set(text, lines);
        // Two lines that read different acceptable texts: one of them misreads, and lines alone cannot tell which
        // (neighbouring lines share what a shadow's edge does to the bars). This pass reads nothing more.
        if (votes.size > 1) return null;
      }
      // Decided when a binarisation's lines are all read: a line that reads otherwise further down must be seen.
      const [only] = votes;
      if (only !== undefined && only[1].size >= 2) return { text: only[0], format: 'code_39' };
    }
  }
  return null;
}
/**
 * The located regions read by template fitting (`code39-profile.ts`): the text the upper and the lower half of the
 * bars both give — two independent readings, as the two-line vote of the other passes.
 */
function readCode39Profiles(
  grey: GreyImage,
  bundles: readonly LineBundle[],
  options: ZxingOptions,
  /** Read the largest region again with its profile's light taken out (not needed on a flattened frame). */
  flattenLargest = true,
): DecodeResult | null {
  const done: LineBundle[] = [];
  for (const located of bundles) {
    // Across the whole frame (noise and blur split one code into several located pieces), once per line.
    const length = Math.hypot(grey.width, grey.height);
    const bundle = { ...located, length, step: Math.max(0.5, length / MAX_PROFILE) };
    if (done.some((d) => sameLine(d, bundle))) continue;
    done.push(bundle);
    options.trace?.('profile');
    // Read again with the light taken out (a shadow across it) only on the largest region: the card's bar code in
    // shadow is one, and the others (text, edges) would double the work on frames without a card.
    const read = readBlurredCode39(grey, bundle, flattenLargest && done.length === 1, located.length);
    const text = read === null || !options.code39CheckDigit ? read : withoutCheck(read);
    if (text !== null && text !== '' && options.accept(text, 'code_39')) return { text, format: 'code_39' };
  }
  return null;
}

/**
 * The length of a bundle's lines that reaches both edges of the frame from its centre along its axis: a region off
 * the frame's centre (one piece of a code that noise or print split) still gets lines across the whole code.
 */
function acrossFrame(bundle: LineBundle, grey: GreyImage): number {
  const ux = Math.cos(bundle.angle);
  const uy = Math.sin(bundle.angle);
  let reach = 0;
  for (const [x, y] of [
    [0, 0],
    [grey.width, 0],
    [0, grey.height],
    [grey.width, grey.height],
  ] as const) {
    reach = Math.max(reach, Math.abs((x - bundle.cx) * ux + (y - bundle.cy) * uy));
  }
  return 2 * reach;
}

/** Whether two bundles run along nearly the same line (within 3° and a few pixels). */
function sameLine(a: LineBundle, b: LineBundle): boolean {
  const turn = Math.abs(a.angle - b.angle) % Math.PI;
  if (Math.min(turn, Math.PI - turn) > (3 * Math.PI) / 180) return false;
  // Distance of b's centre from a's line.
  return Math.abs(-(b.cx - a.cx) * Math.sin(a.angle) + (b.cy - a.cy) * Math.cos(a.angle)) < 6;
}

function withoutCheck(text: string): string | null {
  const data = text.slice(0, -1);
  return data !== '' && code39CheckCharacter(data) === text.slice(-1) ? data : null;
}

function lazyNormalized(
  strip: GreyImage,
  make: (image: GreyImage) => GreyImage = normalizeLocally,
): () => GreyImage {
  let value: GreyImage | undefined;
  return () => (value ??= make(strip));
}

/** A row read by `Code39Reader`: the text and where its start and stop characters lie (along the row as given). */
function readRow(
  reader: Code39Reader,
  y: number,
  row: BitArray,
): { text: string; from: number; to: number } | null {
  try {
    const result = reader.decodeRow(y, row, undefined);
    const text = result.getText();
    const [from, to] = result.getResultPoints().map((p) => p.getX());
    return text.length > 0 && from !== undefined && to !== undefined ? { text, from, to } : null;
  } catch {
    return null;
  }
}

/** The cramped-quiet-zone reader, both directions, with the same check-character rule as `Code39Reader`. */
function readTolerant(row: BitArray, options: ZxingOptions): string | null {
  const size = row.getSize();
  const text =
    readCode39Tolerant(size, (i) => row.get(i)) ?? readCode39Tolerant(size, (i) => row.get(size - 1 - i));
  return text === null || !options.code39CheckDigit ? text : withoutCheck(text);
}

/** A read of the reversed row, its positions along the row as given. */
function mirrored(
  read: { text: string; from: number; to: number } | null,
  width: number,
): { text: string; from: number; to: number } | null {
  return read === null ? null : { text: read.text, from: width - 1 - read.to, to: width - 1 - read.from };
}

function reversed(row: BitArray): BitArray {
  const copy = row.clone();
  copy.reverse();
  return copy;
}
