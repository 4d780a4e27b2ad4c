/** Code 39 along scanline bundles (zxing-js and code39-row.ts): the JS stage `c39-lines`. */
import { BitArray, Code39Reader, GlobalHistogramBinarizer, RGBLuminanceSource } from '@zxing/library';
import { withoutCheckCharacter } from './check-character.js';
import { invert, lazy } from './grey-ops.js';
import { readCode39Tolerant } from './code39-row.js';
import { sampleLines, sharpenRows, type LineBundle } from './scanlines.js';
import type { DecodeResult, GreyImage } from './types.js';
import type { ZxingOptions } from './zxing-decoder.js';

export type Code39Options = Pick<ZxingOptions, 'accept' | 'code39CheckDigit' | 'trace'> & {
  /** Strategies switched on (pipeline.ts): the tolerant reader, the sharpened binarisation. */
  readonly use: (strategy: 'c39-tolerant' | 'c39-sharpened' | 'c39-profile-flat') => boolean;
};

/**
 * Code 39 along scanline bundles (both polarities and directions, each of `images`); two lines must agree.
 * `strong`: two lines each side of the middle; `onForeign`: a bundle read as another barcode.
 */
export function readCode39(
  images: readonly (() => GreyImage)[],
  bundles: readonly LineBundle[],
  options: Code39Options,
  onForeign?: (index: number) => void,
  part?: number,
): (DecodeResult & { readonly strong: boolean }) | null {
  const reader = new Code39Reader(options.code39CheckDigit, false);
  // Per acceptable text, the lines (bundle and row) that read it.
  const votes = new Map<string, Set<string>>();
  const tolerant = options.use('c39-tolerant');
  next: for (const [index, bundle] of bundles.entries()) {
    if (part !== undefined && index !== part) continue;
    options.trace?.('bundle');
    const polarities = images.flatMap((image) => {
      const strip = lazy(() => sampleLines(image(), bundle));
      const sharp = lazy(() => sharpenRows(strip()));
      const sharpened = options.use('c39-sharpened') ? [sharp, () => invert(sharp())] : [];
      return [strip, () => invert(strip()), ...sharpened];
    });
    // Another barcode: a text the filter refuses, read across the middle of the region (the located code itself,
    // not a neighbour the line reaches) on a line in each half of it (the code spans the region: no card's code
    // beside it there), where no line read an acceptable text. The rest of this bundle's readings are skipped.
    const refused = new Map<string, number>();
    let acceptable = false;
    for (const polarity of polarities) {
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
        const read = readRow(reader, y, row, false) ?? readRow(reader, y, row, true);
        const text = read?.text ?? (tolerant ? readTolerant(row, options) : null);
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
      if (only !== undefined && only[1].size >= 2) {
        // Strong: two lines on each side of the bars' middle read it, each clear of the middle by half its thickness
        // (no pixel is read by both sides): apart, they share no noise and no scratch.
        const clear = (bundle.thickness ?? 1) / 2;
        const ours = [...only[1]].filter((line) => line.startsWith(`${index}:`));
        const at = ours.map((line) => bundle.offsets[Number(line.split(':')[1])] ?? 0);
        const strong = at.filter((o) => o <= -clear).length >= 2 && at.filter((o) => o >= clear).length >= 2;
        return { text: only[0], format: 'code_39', strong };
      }
    }
  }
  return null;
}

/** Line length reaching both frame edges from the centre: an off-centre piece gets whole-code lines. */
export function acrossFrame(bundle: LineBundle, grey: GreyImage): number {
  const ux = Math.cos(bundle.angle);
  const uy = Math.sin(bundle.angle);
  const corners = [
    [0, 0],
    [grey.width, 0],
    [0, grey.height],
    [grey.width, grey.height],
  ] as const;
  return 2 * Math.max(...corners.map(([x, y]) => Math.abs((x - bundle.cx) * ux + (y - bundle.cy) * uy)));
}

/** A row read by `Code39Reader` (`reverse`: right to left): text and start/stop positions. */
function readRow(
  reader: Code39Reader,
  y: number,
  row: BitArray,
  reverse: boolean,
): { text: string; from: number; to: number } | null {
  const bits = reverse ? row.clone() : row;
  if (reverse) bits.reverse();
  try {
    const result = reader.decodeRow(y, bits, undefined);
    const text = result.getText();
    const [from, to] = result
      .getResultPoints()
      .map((p) => (reverse ? row.getSize() - 1 - p.getX() : p.getX()));
    if (text.length === 0 || from === undefined || to === undefined) return null;
    return reverse ? { text, from: to, to: from } : { text, from, to };
  } catch {
    return null;
  }
}

/** The cramped-quiet-zone reader, both directions, with the same check-character rule as `Code39Reader`. */
function readTolerant(row: BitArray, options: Code39Options): string | null {
  const size = row.getSize();
  const text =
    readCode39Tolerant(size, (i) => row.get(i)) ?? readCode39Tolerant(size, (i) => row.get(size - 1 - i));
  return text === null || !options.code39CheckDigit ? text : withoutCheckCharacter(text);
}
