import { expect } from '@esm-bundle/chai';
import { requireCapability } from '../../../../../test/support/engine-skip.js';
import { readFramePixels, readPixels } from './read-pixels.js';
import type { DecodableImage, DecodeRegion } from './types.js';

/** The pixels `decodeImage` reads from a frame that is not an `ImageData` (copied or drawn). */
const readImagePixels = async (image: DecodableImage, region: DecodeRegion | undefined): Promise<ImageData> =>
  (await readFramePixels(image, region)).pixels;

/** A canvas of deterministic coloured noise; with `translucent`, every third pixel is half transparent. */
function noiseCanvas(width: number, height: number, translucent: boolean): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const image = new ImageData(width, height);
  let seed = 20261123;
  for (let i = 0; i < image.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      image.data[i + c] = seed >>> 24;
    }
    image.data[i + 3] = translucent && (i / 4) % 3 === 0 ? 128 : 255;
  }
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return canvas;
}

/** Counts the frame's `copyTo` calls (the fast path), still copying. */
function countCopies(frame: VideoFrame): { readonly calls: number } {
  const counter = { calls: 0 };
  const copyTo = frame.copyTo.bind(frame);
  frame.copyTo = (...args: Parameters<VideoFrame['copyTo']>) => {
    counter.calls += 1;
    return copyTo(...args);
  };
  return counter;
}

/** A canvas of one colour. */
function solidCanvas(
  width: number,
  height: number,
  rgb: readonly [number, number, number],
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.fillStyle = `rgb(${rgb.join(', ')})`;
  context.fillRect(0, 0, width, height);
  return canvas;
}

/**
 * Whether this engine's `VideoFrame.copyTo` converts a canvas frame to RGBA, channels in order (the capability
 * the fast path needs; WebKitGTK 2.50 returns such a frame as BGRA whatever the format asked).
 */
async function copyToConvertsToRgba(): Promise<boolean> {
  if (typeof VideoFrame !== 'function') return false;
  const frame = new VideoFrame(solidCanvas(4, 4, [200, 100, 50]), { timestamp: 0 });
  try {
    const options: VideoFrameCopyToOptions = { format: 'RGBA' };
    const rgba = new Uint8Array(frame.allocationSize(options));
    await frame.copyTo(rgba, options);
    return Math.abs(rgba[0]! - 200) <= 2 && Math.abs(rgba[2]! - 50) <= 2;
  } catch {
    return false;
  } finally {
    frame.close();
  }
}

/** Largest difference of one colour channel, and every alpha value, of two RGBA images of one size. */
function compare(a: ImageData, b: ImageData): { maxDiff: number; alphas: Set<number> } {
  expect([a.width, a.height]).to.deep.equal([b.width, b.height]);
  let maxDiff = 0;
  const alphas = new Set<number>();
  for (let i = 0; i < a.data.length; i++) {
    if (i % 4 === 3) {
      alphas.add(a.data[i]!);
      continue;
    }
    maxDiff = Math.max(maxDiff, Math.abs(a.data[i]! - b.data[i]!));
  }
  return { maxDiff, alphas };
}

describe('readImagePixels', () => {
  it('reads a VideoFrame in its own colours in every engine, whichever path reads it', async () => {
    await requireCapability(typeof VideoFrame === 'function', 'no VideoFrame (WebCodecs) in this engine');
    const frame = new VideoFrame(solidCanvas(6, 4, [200, 100, 50]), { timestamp: 0 });
    try {
      const pixels = await readImagePixels(frame, undefined);
      expect([pixels.width, pixels.height]).to.deep.equal([6, 4]);
      for (let i = 0; i < pixels.data.length; i += 4) {
        const [r, g, b, a] = pixels.data.subarray(i, i + 4);
        expect([Math.abs(r! - 200), Math.abs(g! - 100), Math.abs(b! - 50)].every((d) => d <= 2)).to.equal(
          true,
        );
        expect(a).to.equal(255);
      }
    } finally {
      frame.close();
    }
  });

  it('reads a VideoFrame with one copyTo: the pixels the canvas path reads, whole or cropped', async () => {
    await requireCapability(
      await copyToConvertsToRgba(),
      'VideoFrame.copyTo does not convert canvas frames to RGBA here (WebKitGTK 2.50: BGRA as is), so the canvas path reads them',
    );
    const frame = new VideoFrame(noiseCanvas(161, 91, false), { timestamp: 0 });
    try {
      const copies = countCopies(frame);
      for (const region of [undefined, { x: 0.25, y: 0.1, width: 0.5, height: 0.33 }]) {
        const fast = await readImagePixels(frame, region);
        const drawn = readPixels(frame, region);
        // Odd offsets and sizes on purpose: an RGBA copy takes any crop.
        expect([fast.width, fast.height]).to.deep.equal(region ? [81, 30] : [161, 91]);
        const { maxDiff, alphas } = compare(fast, drawn);
        expect(maxDiff).to.be.at.most(2);
        expect([...alphas]).to.deep.equal([255]);
      }
      expect(copies.calls).to.equal(2);
    } finally {
      frame.close();
    }
  });

  it('reads a camera-like YUV frame (I420, no alpha plane) opaque and in its colours', async () => {
    // A camera's frames are YUV: their RGBA copy is opaque by definition and is not scanned for translucency.
    await requireCapability(typeof VideoFrame === 'function', 'no VideoFrame (WebCodecs) in this engine');
    const [width, height] = [16, 8];
    const yuv = new Uint8Array(width * height * 1.5);
    // Left half dark, right half light (Y 40 / 200), no colour (U = V = 128).
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) yuv[y * width + x] = x < width / 2 ? 40 : 200;
    yuv.fill(128, width * height);
    const frame = new VideoFrame(yuv, {
      format: 'I420',
      codedWidth: width,
      codedHeight: height,
      timestamp: 0,
    });
    try {
      const pixels = await readImagePixels(frame, undefined);
      expect([pixels.width, pixels.height]).to.deep.equal([width, height]);
      for (let i = 0; i < pixels.data.length; i += 4) {
        const [r, g, b, a] = pixels.data.subarray(i, i + 4);
        const x = (i / 4) % width;
        expect(a).to.equal(255);
        expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).to.be.at.most(3);
        if (x < width / 2 - 1) expect(r).to.be.below(60);
        if (x > width / 2) expect(r).to.be.above(190);
      }
    } finally {
      frame.close();
    }
  });

  it('reads a translucent VideoFrame the way the canvas path composites it over white', async () => {
    // Chromium and Firefox return a translucent canvas frame's copy premultiplied and draw it differently, and
    // WebKitGTK draws it without compositing: such a frame is read through the canvas, then put over white.
    await requireCapability(typeof VideoFrame === 'function', 'no VideoFrame (WebCodecs) in this engine');
    const frame = new VideoFrame(noiseCanvas(40, 30, true), { timestamp: 0, alpha: 'keep' });
    try {
      const pixels = await readImagePixels(frame, undefined);
      const { maxDiff, alphas } = compare(pixels, readPixels(frame, undefined));
      expect(maxDiff).to.equal(0);
      expect([...alphas]).to.deep.equal([255]);
    } finally {
      frame.close();
    }
  });

  it('draws a frame scaled for display at its display size, not its coded size', async () => {
    await requireCapability(typeof VideoFrame === 'function', 'no VideoFrame (WebCodecs) in this engine');
    const frame = new VideoFrame(noiseCanvas(40, 30, false), {
      timestamp: 0,
      displayWidth: 80,
      displayHeight: 60,
    });
    try {
      const copies = countCopies(frame);
      const pixels = await readImagePixels(frame, undefined);
      expect([pixels.width, pixels.height]).to.deep.equal([80, 60]);
      expect(copies.calls).to.equal(0);
    } finally {
      frame.close();
    }
  });

  it('refuses a closed VideoFrame with decode-unsupported-image', async () => {
    await requireCapability(typeof VideoFrame === 'function', 'no VideoFrame (WebCodecs) in this engine');
    const frame = new VideoFrame(noiseCanvas(8, 8, false), { timestamp: 0 });
    frame.close();
    const error = await readImagePixels(frame, undefined).then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as { code?: string } | null)?.code).to.equal('decode-unsupported-image');
  });
});
