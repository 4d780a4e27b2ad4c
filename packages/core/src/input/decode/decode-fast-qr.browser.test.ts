import { expect } from '@esm-bundle/chai';
import {
  LATER_CONDITIONS,
  UNSEEN_CONDITIONS,
  listUnseenCases,
  renderUnseen,
} from '../../../../../test/support/card-photos/unseen.js';
import type { UnseenCase } from '../../../../../test/support/card-photos/unseen.js';
import { acceptsCardId } from './accepts-card-id.js';
import { decodeImage } from './decode-image.js';

// Issue 15, item 4: in `fast` mode the JS passes used to retry QR only where zxing-cpp had located a symbol, so a QR
// code that zxing-cpp does not locate at all but the JS decoder alone reads was lost by the camera's call.

/** How many of `cases` the JS engine alone reads, and those of them the camera's call (wasm, then JS rescue) loses. */
async function cameraAgainstJs(cases: readonly UnseenCase[]): Promise<{ jsReads: number; lost: string[] }> {
  const lost: string[] = [];
  let jsReads = 0;
  for (const c of cases) {
    const image = await renderUnseen(c);
    const js = await decodeImage(image, { native: false, engine: 'js', accept: acceptsCardId });
    if (js?.text !== c.text) continue;
    jsReads++;
    const camera = await decodeImage(image, { native: false, accept: acceptsCardId });
    if (camera?.text !== c.text) lost.push(`${c.id}: ${camera?.text ?? 'nothing'}`);
  }
  return { jsReads, lost };
}

describe('decodeImage, fast, where zxing-cpp locates no QR code', function () {
  this.timeout(300_000);

  it('reads every card QR code that the JS engine alone reads', async () => {
    // Held-out frames whose light is uneven across the symbol (a shadow's edge, a glare spot), at 720p. On seed 5150
    // one QR code half in shadow (shadow-qr_code-1280x720-1) is located by neither pass of zxing-cpp, and read by
    // zxing-js on the half-size frame.
    const cases = listUnseenCases({
      seed: 5150,
      perCell: 3,
      conditions: [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS],
    }).filter(
      (c) =>
        c.side === 'qr_code' &&
        c.size.width === 1280 &&
        (c.condition === 'shadow' || c.condition === 'glare'),
    );
    expect(cases.length).to.equal(6);
    const { jsReads, lost } = await cameraAgainstJs(cases);
    expect(jsReads, 'frames the JS engine reads').to.be.greaterThan(0);
    expect(
      lost,
      'cards the JS engine reads but the camera call (wasm, then JS rescue) does not',
    ).to.deep.equal([]);
  });
});

describe('decodeImage, fast, where zxing-cpp reports a QR code it could not place', function () {
  this.timeout(300_000);

  it('reads the close-up QR codes that the JS engine alone reads', async () => {
    // On seed 20261430, zxing-cpp gives up on a close-up QR code at 720p (closeup_qr-qr_code-1280x720-1) with a
    // symbol whose corners are all at (0, 0). Taken as located, it kept zxing-js's QR pass off the frame (that
    // pass runs where zxing-cpp located nothing) and sent the crop passes to an empty box; zxing-js reads it.
    const cases = listUnseenCases({
      seed: 20261430,
      perCell: 4,
      conditions: [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS],
    }).filter((c) => c.condition === 'closeup_qr' && c.size.width === 1280);
    expect(cases.length).to.equal(4);
    const { jsReads, lost } = await cameraAgainstJs(cases);
    expect(jsReads, 'frames the JS engine reads').to.be.greaterThan(0);
    expect(lost, 'close-ups the JS engine reads but the camera call does not').to.deep.equal([]);
  });
});
