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

// Issue 15, held-out seeds 20261460–20261471: card frames the camera's call (fast, card filter) missed, read now.
const conditions = [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS];
const frame = (seed: number, id: string): UnseenCase => {
  const c = listUnseenCases({ seed, perCell: 4, conditions }).find((one) => one.id === id);
  expect(c, `${seed} ${id}`).to.not.equal(undefined);
  return c!;
};

async function missedByCameraCall(frames: readonly UnseenCase[]): Promise<string[]> {
  const missed: string[] = [];
  for (const c of frames) {
    const read = await decodeImage(await renderUnseen(c), { native: false, accept: acceptsCardId });
    if (read?.text !== c.text) missed.push(`${c.id}: ${read?.text ?? 'nothing'}`);
  }
  return missed;
}

describe('decodeImage, blurred Code 39 at 640×480 read on the mean of its rows', function () {
  this.timeout(300_000);

  it('reads bar codes whose two halves each fall short alone but agree on every character', async () => {
    // Defocused or dim, about 1.1 px a narrow module: the template reader decides each character on the mean of all
    // rows across the bars, and each half of the rows must fit that character best on its own.
    const frames = [
      frame(20261460, 'defocus-code_39-640x480-3'),
      frame(20261460, 'dim-code_39-640x480-0'),
      frame(20261470, 'defocus-code_39-640x480-0'),
    ];
    expect(await missedByCameraCall(frames)).to.deep.equal([]);
  });
});

describe('decodeImage, a QR code with two finder patterns in view and the third lost', function () {
  this.timeout(300_000);

  it('reads it at full size or with the light taken out, where zxing-cpp located nothing', async () => {
    // A shadow's edge (720p) or a glare spot (640×480) over one finder pattern: zxing-cpp locates no symbol, the
    // half-size zxing-js pass sees two finder patterns of one small QR code, and the passes that follow read it.
    const frames = [frame(20261471, 'shadow-qr_code-1280x720-1'), frame(20261471, 'glare-qr_code-640x480-2')];
    expect(await missedByCameraCall(frames)).to.deep.equal([]);
  });
});
