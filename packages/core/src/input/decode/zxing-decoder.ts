/** The lazy pure-JS decoder (@zxing/library): QR plus a finder grid search; Code 39 via code39-lines.ts. */
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  QRCodeReader,
  RGBLuminanceSource,
} from '@zxing/library';
import type { ResultPoint } from '@zxing/library';
import { FLATTEN_RADIUS, flattenLight, halve, invert, lazy, stretchContrast } from './grey-ops.js';
import { readCode39Templates } from './code39-bars.js';
import { acrossFrame, readCode39, type Code39Options } from './code39-lines.js';
import { locateLinearCodes } from './code39-locator.js';
import { clippedOverCodes } from './glare.js';
import { enabled } from './pipeline.js';
import type { FrameFacts, JsStageName, PipelineControl, StageRead } from './pipeline.js';
import { searchQrFromFinders, type Finder } from './qr-grid-search.js';
import type { LineBundle } from './scanlines.js';
import type { DecodeResult, EngineOptions, GreyImage } from './types.js';

export type ZxingOptions = EngineOptions & {
  readonly signal: AbortSignal | undefined;
  /** zxing-cpp already ran on this frame: only the stages that add to it (pipeline.ts). */
  readonly rescueOnly?: boolean;
  /** Stages and strategies switched off, a report of each stage (pipeline.ts). */
  readonly control?: PipelineControl;
  /** Test hook: called for each unit of work (a bundle of scanlines read, a located code's profiles fitted). */
  readonly trace?: (work: 'bundle' | 'profile') => void;
};

const qrReader = new QRCodeReader();
const qrHints = new Map<DecodeHintType, unknown>([
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE]],
]);

/** A frame's JS stages: each by name, what they saw (triggers), the glare on codes located (`clippedOverCodes`). */
export type JsFrame = {
  readonly facts: Pick<FrameFacts, 'qrSeen' | 'barsSeen'> & { readonly clipped: () => number | undefined };
  /** The parts a stage can be run in (`c39-templates`: one per located region), for a rescue round. */
  parts(stage: JsStageName): number;
  /** A stage, or one part of it. */
  run(stage: JsStageName, part?: number): StageRead | null;
};

type Pass = (part?: number) => StageRead | null;

/** The JS stages of one frame, sharing its derived images (half size, stretched) and what earlier stages saw. */
export function jsFrame(grey: GreyImage, options: ZxingOptions): JsFrame {
  const want39 = options.formats.includes('code_39');
  const thorough = options.effort === 'thorough';
  const cpp = options.rescueOnly === true;
  const use = (name: Parameters<typeof enabled>[1]): boolean => enabled(options.control, name);
  const c39: Code39Options = { ...options, use };
  // Halving helps 720p and up; on 640×480 it makes card-sized QR modules too small.
  const big = Math.min(grey.width, grey.height) >= 600;
  const small = lazy(() => (big ? halve(grey) : grey));
  const stretched = lazy(() => stretchContrast(grey));
  const flat = lazy(() => flattenLight(grey, FLATTEN_RADIUS));
  // Finder-pattern triples the QR stages may grid-search in this frame (81 grids each): work, not time, is bounded.
  const finderBudget: FinderBudget = { triples: thorough ? 6 : 2, finders: use('qr-finders') };
  let located: LineBundle[] | undefined;
  const regions = (): LineBundle[] => (located ??= locateLinearCodes(stretched()));
  // Located regions whose own lines read another barcode (a ticket's Code 39 the filter refuses, see `readCode39`):
  // the later stages, which cost the most, skip them — on a frame with a ticket and no card, all of them.
  const foreign = new Set<LineBundle>();
  const open = (): LineBundle[] => regions().filter((b) => !foreign.has(b));
  const qr = (image: GreyImage, budget = finderBudget): DecodeResult | null => readQr(image, options, budget);
  // After zxing-cpp, the full-size and the flattened QR stages run only where `qr-half` saw a finder pair: each
  // with a budget of its own (one triple).
  const evidenceBudget = (): FinderBudget =>
    cpp ? { triples: 1, finders: finderBudget.finders } : finderBudget;
  const stages: Record<JsStageName, Pass> = {
    'qr-half': () => qr(small()),
    // Lines across the frame (`acrossFrame`), each the mean of 5 px along the bars (sensor noise in a dim frame flips
    // narrow bars on a thin line); on the frame as read, then with the light taken out (glare, a shadow's edge).
    'c39-lines': (part) => {
      const list = regions().map((b) => ({ ...b, length: acrossFrame(b, grey), thickness: 5 }));
      const onForeign = (i: number): unknown => foreign.add(regions()[i] as LineBundle);
      return readCode39([stretched, flat], list, c39, onForeign, part);
    },
    'qr-full': () => qr(grey, evidenceBudget()),
    // Light modules on dark (a phone's dark theme, a negative print); then with the light taken out, where a phone
    // screen's pixel grid and reflections defeat zxing-js's binariser on the plain negative (640×480 phone frames).
    'qr-invert': () => qr(invert(small())) ?? qr(invert(flat())),
    'qr-stretched': () => qr(stretched()),
    'qr-flat': () => qr(flat(), evidenceBudget()),
    'c39-templates': (part) => readCode39Templates(stretched(), open(), c39, true, part),
    // The largest located region on the frame flattened over twice the QR radius (a wide bar at 720p is about 9 px):
    // a shadow's edge across a sharp bar code at 720p defeats the row thresholds and the profile's own flattening
    // along the line (±12 px), not the 2-D envelopes.
    'c39-templates-flat': () => {
      const [largest] = open();
      if (largest === undefined) return null;
      return readCode39Templates(flattenLight(grey, 2 * FLATTEN_RADIUS), [largest], c39, false);
    },
  };
  return {
    facts: {
      qrSeen: () => finderBudget.qrInView === true,
      barsSeen: () => want39 && open().length > 0,
      clipped: () => located && clippedOverCodes(grey, open()),
    },
    parts: (stage) =>
      stage === 'c39-templates' ? open().length : stage === 'c39-lines' ? regions().length : 1,
    run: (stage, part) => quietly(() => stages[stage](part)),
  };
}

/** zxing-js throws per miss, each stack trace ~10 % of a frame: the limit is 0 while a sync stage runs. */
function quietly(pass: Pass): DecodeResult | null {
  const errors = Error as ErrorConstructor & { stackTraceLimit?: number };
  const limit = errors.stackTraceLimit;
  if (limit !== undefined) errors.stackTraceLimit = 0;
  try {
    return pass();
  } finally {
    if (limit !== undefined) errors.stackTraceLimit = limit;
  }
}

/** Finder-triple grid searches left this frame; `qrInView`: a stage saw an unread QR's finders. */
type FinderBudget = { triples: number; readonly finders: boolean; qrInView?: boolean };

function readQr(grey: GreyImage, options: ZxingOptions, budget: FinderBudget): DecodeResult | null {
  const source = new RGBLuminanceSource(grey.data, grey.width, grey.height);
  const bitmap = new BinaryBitmap(new HybridBinarizer(source));
  // The finder patterns zxing-js sees on the way: when it cannot decode a symbol from them, the grid search can.
  const finders: Finder[] = [];
  const hints = new Map(qrHints);
  hints.set(DecodeHintType.NEED_RESULT_POINT_CALLBACK, {
    // zxing-js reports finder patterns (with their module size) and alignment patterns (without).
    foundPossibleResultPoint: (point: ResultPoint & { getEstimatedModuleSize?(): number }) =>
      finders.push({ x: point.getX(), y: point.getY(), module: point.getEstimatedModuleSize?.() ?? 1 }),
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
    if (ranked.length < 3 || !budget.finders) return null;
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

/** Could two finders be one card QR's corners: modules ≥ `MIN_PAIR_MODULE` px, ±40 %, 12–30 apart. */
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
