import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { cropVideoFrame, regionRect } from './camera-frame.js';
import { requireCapability } from '../../../../../test/support/engine-skip.js';

// A camera the browser crops (a 720×1280 sensor asked for 1280×720 shows its centre 720×720) hands out VideoFrames
// whose visible rect does not start at (0,0) of the buffer; what the clerk sees is that rect. Here the buffer is a
// 64×128 canvas in three bands (red rows 0–31, green 32–95, blue 96–127) and the "camera" shows its green centre.
const BANDS = [
  { name: 'red', colour: [255, 0, 0], from: 0, to: 32 },
  { name: 'green', colour: [0, 255, 0], from: 32, to: 96 },
  { name: 'blue', colour: [0, 0, 255], from: 96, to: 128 },
] as const;

function bandedFrame(): VideoFrame {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [64, 128];
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  for (const { colour, from, to } of BANDS) {
    context.fillStyle = `rgb(${colour.join(',')})`;
    context.fillRect(0, from, 64, to - from);
  }
  return new VideoFrame(canvas, { timestamp: 0 });
}

/** The camera's frame: the buffer's centre 64×64, shown at `display` (a browser that also scales). */
function croppedCamera(display = 64): VideoFrame | null {
  let whole: VideoFrame | undefined;
  try {
    whole = bandedFrame();
    const visibleRect = { x: 0, y: 32, width: 64, height: 64 };
    return new VideoFrame(whole, { visibleRect, displayWidth: display, displayHeight: display });
  } catch {
    return null;
  } finally {
    whole?.close();
  }
}

/**
 * The colours the frame shows, top to bottom, as the decoder reads them: `copyTo` RGBA of its visible rect (WebKit's
 * drawImage of a VideoFrame draws the whole buffer, whatever the visible rect).
 */
async function coloursOf(frame: VideoFrame): Promise<string[]> {
  const { width, height } = frame.visibleRect!;
  const data = new Uint8Array(width * height * 4);
  await frame.copyTo(data, { format: 'RGBA', rect: frame.visibleRect! });
  const colours = new Set<string>();
  for (let y = 1; y < height - 1; y += 1) {
    const i = (y * width + (width >> 1)) * 4;
    colours.add(BANDS.find((b) => b.colour.every((c, k) => Math.abs(c - data[i + k]!) < 60))?.name ?? '?');
  }
  return [...colours];
}

/** Whether this engine's `copyTo` reads a visible rect that does not start at the buffer's origin. */
async function copiesVisibleRect(): Promise<boolean> {
  const camera = croppedCamera();
  try {
    return camera !== null && (await coloursOf(camera)).join() === 'green';
  } catch {
    return false;
  } finally {
    camera?.close();
  }
}
const NO_VISIBLE_COPY =
  "this engine's VideoFrame.copyTo refuses or ignores a visible rect's offset (Firefox): the decoder's copy is " +
  'refused there and it reads the frame through a canvas, which this test does not cover';

describe('cropVideoFrame: what the clerk sees', () => {
  it('keeps a cropping camera’s visible rect: the whole frame is its centre, not the buffer’s top rows', async () => {
    const camera = croppedCamera();
    await requireCapability(camera !== null, 'no VideoFrame with a visibleRect in this engine');
    const frame = cropVideoFrame(camera!, undefined);
    expect(frame.visibleRect?.toJSON()).to.include({ x: 0, y: 32, width: 64, height: 64 });
    await requireCapability(await copiesVisibleRect(), NO_VISIBLE_COPY);
    expect(await coloursOf(frame)).to.deep.equal(['green']);
    frame.close();
  });

  it('crops a region inside the visible rect, in display pixels, also when the browser scales', async () => {
    for (const display of [64, 32]) {
      const camera = croppedCamera(display);
      await requireCapability(camera !== null, 'no VideoFrame with a visibleRect in this engine');
      // The lower half of what is shown: buffer rows 64–95, all green (rows 0–31 of the buffer are red).
      const frame = cropVideoFrame(camera!, { x: 0, y: 0.5, width: 1, height: 0.5 });
      expect(frame.visibleRect?.toJSON()).to.include({ x: 0, y: 64, width: 64, height: 32 });
      await requireCapability(await copiesVisibleRect(), NO_VISIBLE_COPY);
      expect(await coloursOf(frame)).to.deep.equal(['green']);
      frame.close();
    }
  });

  it('maps every region into the visible rect, on even pixels, covering the region', async () => {
    const camera = croppedCamera();
    await requireCapability(camera !== null, 'no VideoFrame with a visibleRect in this engine');
    camera!.close();
    const unit = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(unit, unit, unit, unit, fc.constantFrom(64, 32, 48), (x, y, width, height, display) => {
        const region = { x, y, width, height };
        const frame = cropVideoFrame(croppedCamera(display)!, region);
        const v = frame.visibleRect!;
        frame.close();
        const r = regionRect(display, display, region);
        const scale = 64 / display;
        expect(v.x % 2, 'even x').to.equal(0);
        expect(v.y % 2, 'even y').to.equal(0);
        expect(v.x).to.be.at.most(r.x * scale);
        expect(v.y).to.be.at.most(32 + r.y * scale);
        expect(v.x + v.width).to.be.at.least(Math.min(64, (r.x + r.width) * scale));
        expect(v.y + v.height).to.be.at.least(Math.min(96, 32 + (r.y + r.height) * scale));
        expect(v.y).to.be.at.least(32);
        expect(v.y + v.height).to.be.at.most(96);
      }),
      { numRuns: 60 },
    );
  });
});
