import { describe, expect, it } from 'vitest';
import { acceptsCardId } from './accepts-card-id.js';
import { decodeGrey } from './js-stages.test-support.js';
import { createRescueRound } from './pipeline.js';
import { jsFrame } from './zxing-decoder.js';
import type { ZxingOptions } from './zxing-decoder.js';
import { addNoise, blurGrey, drawBars, drawCode39, drawQrInPerspective } from './test-images.test-support.js';
import type { GreyImage } from './types.js';
import { code39Modules } from '../../../../../test/support/card-photos/symbols.js';

/** `parts` drawn into one white frame at their offsets (the darker pixel wins where they overlap). */
function compose(width: number, height: number, parts: [GreyImage, number, number][]): GreyImage {
  const data = new Uint8ClampedArray(width * height).fill(235);
  for (const [part, dx, dy] of parts) {
    for (let y = 0; y < part.height; y++) {
      for (let x = 0; x < part.width; x++) {
        const i = (y + dy) * width + x + dx;
        if (x + dx < width && y + dy < height)
          data[i] = Math.min(data[i] as number, part.data[y * part.width + x] as number);
      }
    }
  }
  return { data, width, height };
}

/** decodeGrey with a trace of its work: how many bundles of scanlines it read and profiles it fitted. */
async function traced(image: GreyImage, extra: Partial<ZxingOptions>) {
  const work = { bundle: 0, profile: 0 };
  const read = await decodeGrey(image, { ...options, ...extra, trace: (w) => (work[w] += 1) });
  return { read, work };
}

const options: ZxingOptions = {
  formats: ['qr_code', 'code_39'],
  effort: 'fast',
  accept: () => true,
  code39CheckDigit: false,
  signal: undefined,
};

describe('decodeGrey (the pure-JS passes, in Node)', () => {
  for (const degrees of [0, 30, 90, 145, -60]) {
    it(`reads Code 39 rotated ${degrees}°`, async () => {
      const image = drawCode39('X000011986', { width: 800, height: 600, module: 2, degrees, barHeight: 70 });
      expect(await decodeGrey(image, options)).toEqual({ text: 'X000011986', format: 'code_39' });
    });
  }

  it('reads a negative Code 39, and in rescue-only mode too', async () => {
    const image = drawCode39('Z000010669', {
      width: 640,
      height: 480,
      module: 2,
      degrees: 10,
      barHeight: 60,
      ink: 230,
      paper: 25,
    });
    expect(await decodeGrey(image, options)).toEqual({ text: 'Z000010669', format: 'code_39' });
    expect(await decodeGrey(image, { ...options, rescueOnly: true })).toEqual({
      text: 'Z000010669',
      format: 'code_39',
    });
  });

  it('reads a Code 39 defocused by about one narrow module (blurred templates), rescue-only too', async () => {
    const sharp = drawCode39('A972120590', {
      width: 640,
      height: 480,
      module: 1.6,
      degrees: 4,
      barHeight: 50,
    });
    const image = addNoise(blurGrey(sharp, 1.4), 6);
    const want = { text: 'A972120590', format: 'code_39' };
    expect(await decodeGrey(image, options)).toEqual(want);
    expect(await decodeGrey(image, { ...options, rescueOnly: true })).toEqual(want);
  });

  it('reads a version-1 QR code filling the frame under strong perspective, from its finder patterns', async () => {
    // No alignment pattern: zxing-js's parallelogram guess of the fourth corner misses by several modules here.
    for (const corners of [
      [
        [120, 40],
        [540, 90],
        [560, 470],
        [60, 400],
      ],
      [
        [180, 20],
        [600, 140],
        [450, 470],
        [40, 300],
      ],
    ] as [number, number][][]) {
      const image = drawQrInPerspective('X654110578', { width: 640, height: 480, corners });
      expect(await decodeGrey(image, { ...options, formats: ['qr_code'] })).toEqual({
        text: 'X654110578',
        format: 'qr_code',
      });
    }
  });

  it('returns null when only QR is wanted, when the filter refuses, and for a blank frame', async () => {
    const image = drawCode39('Y110029399', { width: 640, height: 480, module: 2, degrees: 0, barHeight: 60 });
    expect(await decodeGrey(image, { ...options, formats: ['qr_code'] })).toBeNull();
    expect(await decodeGrey(image, { ...options, accept: () => false })).toBeNull();
    const blank = { data: new Uint8ClampedArray(640 * 480).fill(255), width: 640, height: 480 };
    expect(await decodeGrey(blank, { ...options, effort: 'thorough' })).toBeNull();
  });

  it("skips a ticket's Code 39 after its own lines read it: the costlier passes do not run there", async () => {
    // A venue ticket's number, refused by the card filter: before, every later pass (lines averaged across the
    // frame, blurred templates, blind lines) read it again, the most expensive frame a camera sees.
    const ticket = drawCode39('0123456789012', {
      width: 800,
      height: 600,
      module: 2,
      degrees: 8,
      barHeight: 70,
    });
    for (const rescueOnly of [false, true]) {
      const { read, work } = await traced(ticket, { accept: acceptsCardId, rescueOnly });
      expect(read).toBeNull();
      expect(work).toEqual({ bundle: 1, profile: 0 });
    }
    // Without the filter it is simply read.
    expect(await decodeGrey(ticket, options)).toEqual({ text: '0123456789012', format: 'code_39' });
  });

  it('reads no blind lines in fast mode where a located region reads nothing', async () => {
    // Random bars (an EAN-like pattern, no Code 39): located, read along its axis, averaged and fitted, then — before
    // — 24 blind lines at 0° and at 90° more, which read no card the located passes missed.
    let seed = 7;
    const bars: number[] = [];
    for (let run = 0; bars.length < 190; run++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      for (let k = 0; k <= (seed >>> 16) % 4; k++) bars.push(run % 2 === 0 ? 1 : 0);
    }
    const image = drawBars(bars, { width: 800, height: 600, module: 2, degrees: 12, barHeight: 70 });
    for (const rescueOnly of [false, true]) {
      const { read, work } = await traced(image, { accept: acceptsCardId, rescueOnly });
      expect(read).toBeNull();
      // One bundle of lines (as located), no blind ones; the region's profiles fitted as sampled and once more on the
      // frame with the light taken out (the largest region only).
      expect(work).toEqual({ bundle: 1, profile: 2 });
    }
  });

  it('reads a blurred card whose line runs on into other print (aligned over the located code only)', async () => {
    // The blurred-template pass turns the bundle to the angle where the bars are sharpest. Measured along the whole
    // frame, sharp print further along the line (here bars tilted 2–4°) pulled the angle to its own, which smears
    // the card's blurred bars; measured over the located code and its quiet zones, it does not (and samples less).
    const card = addNoise(
      blurGrey(
        drawCode39('A972120590', { width: 640, height: 300, module: 1.6, degrees: 0, barHeight: 60 }),
        1.4,
      ),
      6,
    );
    let seed = 3;
    const bars: number[] = [];
    for (let run = 0; bars.length < 160; run++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      for (let k = 0; k <= (seed >>> 16) % 3; k++) bars.push(run % 2 === 0 ? 1 : 0);
    }
    for (const degrees of [2, 3, 4]) {
      const print = drawBars(bars, { width: 500, height: 300, module: 1.6, degrees, barHeight: 120 });
      const image = compose(1280, 300, [
        [card, 0, 0],
        [print, 760, 0],
      ]);
      expect(await decodeGrey(image, { ...options, accept: acceptsCardId, rescueOnly: true })).toEqual({
        text: 'A972120590',
        format: 'code_39',
      });
    }
  });

  it('accepts no Code 39 text from lines of which others read another ID', async () => {
    // Neighbouring lines share what the scene does to the bars: a shadow's edge across a code, locally normalised,
    // made two adjacent lines agree on one misread character (X085964639 for X085954639, a held-out photo) while the
    // next line read the right one. Here the upper half of the bars encodes one ID and the lower half another, each
    // read by every line of its half: before, the first to get two lines was returned.
    const upper = drawCode39('A972120591', { width: 640, height: 300, module: 2, degrees: 0, barHeight: 80 });
    const lower = drawCode39('A972120590', { width: 640, height: 300, module: 2, degrees: 0, barHeight: 80 });
    const data = Uint8ClampedArray.from(upper.data);
    data.set(lower.data.subarray(150 * 640), 150 * 640);
    const image = { data, width: 640, height: 300 };
    for (const rescueOnly of [false, true]) {
      expect(await decodeGrey(image, { ...options, accept: acceptsCardId, rescueOnly })).toBeNull();
    }
    // Either half alone, as tall as the whole, reads.
    expect(await decodeGrey(lower, { ...options, accept: acceptsCardId, rescueOnly: true })).toEqual({
      text: 'A972120590',
      format: 'code_39',
    });
  });

  it('marks a Code 39 read strong only where lines on both halves of the bars read it', async () => {
    const clean = drawCode39('A972120591', { width: 640, height: 300, module: 2, degrees: 0, barHeight: 80 });
    const read = { text: 'A972120591', format: 'code_39' };
    const round = createRescueRound();
    expect(await decodeGrey(clean, { ...options, rescueOnly: true, control: { round } })).toEqual({
      ...read,
      strong: true,
    });
    // A blot across one character of the lower half: only the upper lines read it.
    const data = Uint8ClampedArray.from(clean.data);
    for (let y = 152; y < 190; y++) data.fill(20, y * 640 + 300, y * 640 + 312);
    const blotted = { data, width: 640, height: 300 };
    expect(await decodeGrey(blotted, { ...options, rescueOnly: true, control: { round } })).toEqual({
      ...read,
      strong: false,
    });
  });

  it('never calls a read strong whose lines above and below the middle read the same pixels', async () => {
    // Bars 10 px high in a 168-px frame (8-px cells): one row of cells, so the nine lines, each 5 px thick, lie
    // 0.8 px apart; the lines either side of the middle overlap — one sample of the sensor's noise, not two.
    const thin = drawCode39('A972120591', {
      width: 400,
      height: 168,
      module: 1.5,
      degrees: 0,
      barHeight: 10,
    });
    const round = createRescueRound();
    const read = await decodeGrey(thin, { ...options, rescueOnly: true, control: { round } });
    expect(read).toEqual({ text: 'A972120591', format: 'code_39', strong: false });
  });

  it('reads a flat Code 39 filling a short frame, which the locator splits into pieces', async () => {
    // Sharp bars (bwip-js, with the mod-43 character) across most of a 120-px-high frame, as decode-image's browser
    // test draws it: the located regions are pieces of the code, none spanning start to stop, and the averaged lines
    // "across the frame" were as long as its diagonal but centred on an off-centre piece, so they missed one end.
    const m = code39Modules('A999005458', { checkDigit: true });
    const width = (m.width + 20) * 3;
    const data = new Uint8ClampedArray(width * 120).fill(255);
    for (let y = 20; y < 100; y++) {
      for (let x = 0; x < m.width * 3; x++) if (m.dark[Math.floor(x / 3)] === 1) data[y * width + 30 + x] = 0;
    }
    for (const rescueOnly of [false, true]) {
      expect(await decodeGrey({ data, width, height: 120 }, { ...options, rescueOnly })).toEqual({
        text: 'A999005458G',
        format: 'code_39',
      });
    }
  });

  it('reads a card beside a ticket, in line and one above the other, blurred too', async () => {
    const card = drawCode39('A972120590', {
      width: 460,
      height: 200,
      module: 1.6,
      degrees: 0,
      barHeight: 50,
    });
    const blurred = addNoise(blurGrey(card, 1.4), 6);
    const ticket = drawCode39('0123456789012', {
      width: 560,
      height: 200,
      module: 1.6,
      degrees: 0,
      barHeight: 50,
    });
    const stack = (top: GreyImage, bottom: GreyImage): GreyImage =>
      compose(700, 560, [
        [top, 40, 40],
        [bottom, 40, 300],
      ]);
    const want = { text: 'A972120590', format: 'code_39' };
    for (const [first, second] of [
      [card, ticket],
      [ticket, card],
    ]) {
      // In line (one scanline crosses both) and one above the other.
      const inLine = compose(1100, 400, [
        [first as GreyImage, 20, 100],
        [second as GreyImage, (first as GreyImage).width + 20, 100],
      ]);
      for (const image of [inLine, stack(first as GreyImage, second as GreyImage)]) {
        expect(await decodeGrey(image, { ...options, accept: acceptsCardId, rescueOnly: true })).toEqual(
          want,
        );
      }
    }
    // Blurred, one above the other: read by the flattened profiles, which run on the largest region that is not
    // the ticket's (before, the ticket's, and the card was lost). In line, one profile crosses both: not read.
    for (const image of [stack(blurred, ticket), stack(ticket, blurred)]) {
      expect(await decodeGrey(image, { ...options, accept: acceptsCardId, rescueOnly: true })).toEqual(want);
    }
  });

  it('reads Code 39 lines one located region per part, for a rescue round to spread them over frames', async () => {
    const code = (text: string): GreyImage =>
      drawCode39(text, { width: 560, height: 200, module: 1.6, degrees: 0, barHeight: 50 });
    const image = compose(700, 560, [
      [code('A972120590'), 40, 40],
      [code('X000011986'), 40, 300],
    ]);
    let bundles = 0;
    const frame = jsFrame(image, { ...options, accept: acceptsCardId, trace: () => (bundles += 1) });
    expect(frame.parts('c39-lines')).toBe(2);
    const texts = [frame.run('c39-lines', 0)?.text, frame.run('c39-lines', 1)?.text];
    expect(texts.sort()).toEqual(['A972120590', 'X000011986']);
    expect(bundles).toBe(2);
  });

  it('stops at an aborted signal', async () => {
    const image = drawCode39('A045198723', { width: 320, height: 240, module: 1, degrees: 0, barHeight: 40 });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(decodeGrey(image, { ...options, signal: controller.signal })).rejects.toThrow('stop');
  });
});

describe('decodeGrey and the stack-trace limit', () => {
  const errors = Error as ErrorConstructor & { stackTraceLimit?: number };

  it('restores Error.stackTraceLimit after a read, a miss and an abort', async () => {
    const before = errors.stackTraceLimit;
    expect(before).toBeGreaterThan(0);
    const image = drawCode39('X000011986', { width: 640, height: 480, module: 2, degrees: 0, barHeight: 60 });
    expect(await decodeGrey(image, options)).not.toBeNull();
    expect(errors.stackTraceLimit).toBe(before);
    const blank = { data: new Uint8ClampedArray(320 * 240).fill(200), width: 320, height: 240 };
    expect(await decodeGrey(blank, options)).toBeNull();
    expect(errors.stackTraceLimit).toBe(before);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(decodeGrey(blank, { ...options, signal: controller.signal })).rejects.toThrow('stop');
    expect(errors.stackTraceLimit).toBe(before);
    // Errors created outside the passes keep their stacks.
    expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
