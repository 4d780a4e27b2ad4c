// Frames without a card, as the decode benchmark draws them (bench-page.ts) and the decoder's tests read them.
import { composePhoto } from './compose-photo.js';
import { FRAME_SIZES } from './corpus.js';
import { renderLabel } from './label-scene.js';
import { createRandom } from './prng.js';
import { drawLabel, otherSymbol } from './unseen.js';

/**
 * A frame without a card (table, papers, text, noise), as the decode benchmark's `measureEmpty` draws it; with
 * `ticket`, a foreign barcode (a ticket's QR or Code 39, a URL QR, an EAN-13) on a label in view — what the card
 * filter refuses.
 */
export function frameWithoutCard(seed: number, k: number, ticket: boolean): ImageData {
  const size = FRAME_SIZES[k % FRAME_SIZES.length]!;
  const random = createRandom(seed + k);
  const effects = {
    blur: random.range(0.3, 1),
    noise: random.range(1, 20),
    light: random.range(0.2, 1),
    glare: 0,
    negative: false,
  };
  const decorate = ticket
    ? (ctx: OffscreenCanvasRenderingContext2D, w: number, h: number): void => {
        // Drawn in the order the random numbers were always taken: label, width, x, y, roll.
        const label = renderLabel(otherSymbol(random).symbol);
        const lw = random.range(0.3, 0.45) * w;
        const x = random.range(0.35, 0.65) * w;
        const y = random.range(0.4, 0.6) * h;
        drawLabel(ctx, label, x, y, lw, random.range(-25, 25));
      }
    : undefined;
  return composePhoto(
    'qr_code',
    'A000000000',
    size,
    { scale: 0, roll: 0, yaw: 0, pitch: 0 },
    effects,
    random,
    decorate,
  );
}
