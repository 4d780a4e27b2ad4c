import { expect } from '@esm-bundle/chai';
import {
  LATER_CONDITIONS,
  UNSEEN_CONDITIONS,
  listUnseenCases,
  renderUnseen,
} from '../../../../../test/support/card-photos/unseen.js';
import type { UnseenCase } from '../../../../../test/support/card-photos/unseen.js';
import { frameWithoutCard } from '../../../../../test/support/card-photos/frame-without-card.js';
import { acceptsCardId } from './accepts-card-id.js';
import { decodeImage } from './decode-image.js';
import { toGrey } from './read-pixels.js';
import type { DecodeResult } from './types.js';
import { decodeGrey } from './js-stages.test-support.js';

// Issue 15, held-out seeds 20261460–20261471: card frames the camera's call (fast, card filter) missed, read now.
const conditions = [...UNSEEN_CONDITIONS, ...LATER_CONDITIONS];
const frame = (seed: number, id: string): UnseenCase => {
  const c = listUnseenCases({ seed, perCell: 4, conditions }).find((one) => one.id === id);
  expect(c, `${seed} ${id}`).to.not.equal(undefined);
  return c!;
};

/** The frames the camera's call misses; `render` draws a frame (a test that reads one twice draws it once). */
async function missedByCameraCall(
  frames: readonly UnseenCase[],
  render: (c: UnseenCase) => Promise<ImageData> = renderUnseen,
): Promise<string[]> {
  const missed: string[] = [];
  for (const c of frames) {
    const read = await decodeImage(await render(c), { native: false, accept: acceptsCardId });
    if (read?.text !== c.text) missed.push(`${c.id}: ${read?.text ?? 'nothing'}`);
  }
  return missed;
}

/** The JS passes as the camera's call runs them after zxing-cpp (rescue, fast): their read, and whether they saw a symbol. */
async function jsPasses(image: ImageData): Promise<{ read: DecodeResult | null; unread: boolean }> {
  let unread = false;
  const read = await decodeGrey(toGrey(image), {
    formats: ['qr_code', 'code_39'],
    effort: 'fast',
    accept: acceptsCardId,
    code39CheckDigit: false,
    signal: undefined,
    rescueOnly: true,
    onUnread: () => (unread = true),
  });
  return { read, unread };
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

describe('decodeImage, a defocused QR code the JS passes take for a bar code', function () {
  this.timeout(300_000);

  it('reads it with zxing-cpp on the flattened frame, because a symbol was seen', async () => {
    // zxing-cpp and zxing-js locate no QR code in it; the Code 39 locator finds bar-code-like regions and reads none.
    const c = frame(20261460, 'defocus-qr_code-640x480-3');
    const image = await renderUnseen(c);
    expect(await missedByCameraCall([c], async () => image)).to.deep.equal([]);
    const { read: js, unread } = await jsPasses(image);
    // In Chromium and Firefox the JS passes read nothing and saw a symbol; WebKit draws the frame a little
    // differently and its JS passes read it. Either way the frame is not one where nothing looks like a symbol.
    expect(
      js?.text === c.text || (js === null && unread),
      `JS passes: ${js?.text ?? 'nothing'}, seen ${unread}`,
    ).to.equal(true);
  });

  it('sees no symbol on frames without a card: those frames get no extra pass', async () => {
    // Table, papers, text and noise, drawn as the benchmark draws its frames without a card (`measureEmpty`).
    const seen: string[] = [];
    for (let k = 0; k < 24; k++) {
      const image = frameWithoutCard(20261125, k, false);
      const { read, unread } = await jsPasses(image);
      if (read !== null || unread)
        seen.push(`frame ${k} (${image.width}×${image.height}): ${read?.text ?? 'a symbol'}`);
    }
    expect(seen).to.deep.equal([]);
  });
});

describe('decodeImage, finder patterns among sensor noise (dim QR codes at 640×480)', function () {
  this.timeout(300_000);

  it('pairs the largest finder-pattern candidates, not the first found', async () => {
    // Noise gives 36 candidates with 1–2 px modules, found above the card's (3 px): only the first 8 were paired.
    // (20261411's dim-qr_code-640x480-2, read the same way in Chromium and Firefox, is not here: WebKit draws that
    // frame a little differently, and reads it not.)
    const frames = [frame(20261421, 'dim-qr_code-640x480-0')];
    expect(await missedByCameraCall(frames)).to.deep.equal([]);
  });
});

describe('decodeImage, a sharp Code 39 across a shadow’s edge at 720p', function () {
  this.timeout(300_000);

  it('reads the largest located region by templates on the frame with the light taken out', async () => {
    const frames = [
      frame(20261480, 'shadow-code_39-1280x720-2'),
      frame(20261480, 'shadow-code_39-1280x720-3'),
    ];
    expect(await missedByCameraCall(frames)).to.deep.equal([]);
  });
});
