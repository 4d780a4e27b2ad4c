import { expect } from '@esm-bundle/chai';
import { qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { listUnseenCases, renderUnseen } from '../../../../../test/support/card-photos/unseen.js';
import { createRandom } from '../../../../../test/support/card-photos/prng.js';
import { acceptsCardId } from './accepts-card-id.js';
import { decodeImage, decodeStages } from './decode-image.js';
import { createRescueRound } from './pipeline.js';

// The camera calls decodeImage with `accept: acceptsCardId`. A filter may only skip other barcodes: it must never
// cost the card that the same call without the filter reads.

/** Draws a QR code of `text` at (x, y), `unit` px per module; `damage` inverts that share of its data modules. */
function drawQr(
  ctx: OffscreenCanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  unit: number,
  damage: number,
  seed: number,
): void {
  const m = qrModules(text);
  const random = createRandom(seed);
  ctx.fillStyle = '#fff';
  ctx.fillRect(x - 4 * unit, y - 4 * unit, (m.width + 8) * unit, (m.height + 8) * unit);
  ctx.fillStyle = '#000';
  for (let r = 0; r < m.height; r++) {
    for (let c = 0; c < m.width; c++) {
      const finder = (r < 8 && c < 8) || (r < 8 && c >= m.width - 8) || (r >= m.height - 8 && c < 8);
      let dark = m.dark[r * m.width + c] === 1;
      if (!finder && random.next() < damage) dark = !dark;
      if (dark) ctx.fillRect(x + c * unit, y + r * unit, unit, unit);
    }
  }
}

describe('decodeImage with a card filter', function () {
  this.timeout(120_000);

  it('reads the card beside QR codes that are located but cannot be decoded', async () => {
    // Four damaged QR codes (a worn ticket, a smudged poster: finder patterns intact, data beyond the error
    // correction) above one card QR code. zxing-cpp returns the damaged ones as errors; they must not take the
    // places of the symbols it looks at when a filter is set.
    const canvas = new OffscreenCanvas(1280, 720);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#8a8a80';
    ctx.fillRect(0, 0, 1280, 720);
    for (let k = 0; k < 4; k++) drawQr(ctx, `TICKET-${1000 + k}`, 60 + k * 300, 60, 8, 0.35, 11 + k);
    drawQr(ctx, 'A045198723', 560, 440, 8, 0, 1);
    const frame = ctx.getImageData(0, 0, 1280, 720);
    const plain = await decodeImage(frame, { engine: 'wasm', native: false });
    expect(plain?.text, 'without a filter').to.equal('A045198723');
    const filtered = await decodeImage(frame, { engine: 'wasm', native: false, accept: acceptsCardId });
    expect(filtered?.text, 'with the card filter').to.equal('A045198723');
    // A camera frame searches among several symbols only while that ends before the next frame (issue 50.2).
    const camera = (until: number) =>
      decodeStages(
        frame,
        { engine: 'wasm', native: false, accept: acceptsCardId },
        { round: createRescueRound(), until },
      );
    expect((await camera(performance.now() + 60_000)).read?.text, 'with time').to.equal('A045198723');
    expect((await camera(performance.now())).read, 'the next frame due').to.equal(null);
    // Shed for time, it searches on the round's credit once the frames have earned its time (a quarter of zxing-cpp's
    // each: about the fifth frame), so a slow phone still reads the card.
    const round = createRescueRound();
    const due = async () =>
      (
        await decodeStages(
          frame,
          { engine: 'wasm', native: false, accept: acceptsCardId },
          { round, until: performance.now() },
        )
      ).read?.text ?? null;
    const reads: (string | null)[] = [];
    while (reads.length < 12 && !reads.includes('A045198723')) reads.push(await due());
    expect(reads.slice(0, 3), 'not before the frames earned its time').to.deep.equal([null, null, null]);
    expect(reads.at(-1), 'then it reads').to.equal('A045198723');
  });

  it('reads every card the unfiltered call reads, on held-out photos', async () => {
    // Held-out frames (unseen.ts) of every condition, a seed of this test's own.
    const cases = listUnseenCases({ seed: 4242, perCell: 1 }).filter((c) => c.size.width === 1280);
    const lost: string[] = [];
    let read = 0;
    for (const c of cases) {
      const image = await renderUnseen(c);
      const plain = await decodeImage(image, { native: false });
      const filtered = await decodeImage(image, { native: false, accept: acceptsCardId });
      if (filtered?.text === c.text) read++;
      if (plain?.text === c.text && filtered?.text !== c.text) lost.push(c.id);
    }
    expect(lost, 'cards the filter lost').to.deep.equal([]);
    expect(read, 'cards read with the filter').to.be.greaterThan(cases.length / 2);
  });
});
