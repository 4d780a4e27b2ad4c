import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawCode39 } from '../decode/test-images.test-support.js';
import { resetNativeDetector } from '../decode/native-detector.js';
import { createRescueRound, decodeFrame } from './decode-frame.js';
import type { CameraFrame } from './camera-frame.js';

// Node has neither `ImageData` nor `BarcodeDetector`: a plain RGBA frame and a detector that reads a Code 39 card.
class FakeImageData {
  constructor(
    readonly data: Uint8ClampedArray,
    readonly width: number,
    readonly height: number,
  ) {}
}

class FakeDetector {
  static getSupportedFormats = (): Promise<string[]> => Promise.resolve(['qr_code', 'code_39']);
  detect = (): Promise<{ rawValue: string; format: string }[]> =>
    Promise.resolve([{ rawValue: 'A045198723', format: 'code_39' }]);
}

const global = globalThis as { ImageData?: unknown; BarcodeDetector?: unknown };
const saved = { ImageData: global.ImageData, BarcodeDetector: global.BarcodeDetector };

beforeEach(() => {
  Object.assign(global, { ImageData: FakeImageData, BarcodeDetector: FakeDetector });
  resetNativeDetector();
});
afterEach(() => {
  Object.assign(global, saved);
  resetNativeDetector();
});

describe('decodeFrame', () => {
  it('marks a read strong only for what its own frame’s lines read', async () => {
    const round = createRescueRound();
    const frame = new FakeImageData(new Uint8ClampedArray(64 * 48 * 4).fill(255), 64, 48);
    const job = { formats: ['qr_code', 'code_39'] as const, effort: 'fast' as const };
    // This frame: the browser's detector reads the card (one read, no lines), so no stage runs.
    const { result } = await decodeFrame(frame as unknown as CameraFrame, job, undefined, round);
    expect(result.reading).toEqual({ text: 'A045198723', format: 'code_39' });
    expect(result.strong).toBe(false);
    expect(result.byZxing).toBe(false); // the browser's detector is not zxing-cpp: its read needs a second frame
  });

  it('marks a read by zxing-cpp, whose frame may confirm a Code 39 card alone', async () => {
    Object.assign(global, { BarcodeDetector: undefined });
    resetNativeDetector();
    const grey = drawCode39('Y110029399', { width: 640, height: 480, module: 2, degrees: 4, barHeight: 90 });
    const rgba = new Uint8ClampedArray(grey.width * grey.height * 4);
    grey.data.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
    const frame = new FakeImageData(rgba, grey.width, grey.height);
    const wasm = readFileSync('node_modules/zxing-wasm/dist/reader/zxing_reader.wasm').toString('base64');
    const job = {
      formats: ['qr_code', 'code_39'] as const,
      effort: 'fast' as const,
      wasmUrl: `data:application/wasm;base64,${wasm}`,
    };
    const { result } = await decodeFrame(
      frame as unknown as CameraFrame,
      job,
      undefined,
      createRescueRound(),
    );
    expect(result.reading).toEqual({ text: 'Y110029399', format: 'code_39' });
    expect(result.byZxing).toBe(true);
  });

  // Chrome on Android: the browser's detector reads nothing under glare and tells of no code; the locator runs for it.
  it('measures the glare over a located code where the detector reads nothing, only when asked', async () => {
    const frameWith = (lamp: { x: number; y: number }): CameraFrame => {
      const grey = drawCode39('A045198723', {
        width: 640,
        height: 480,
        module: 2,
        degrees: 8,
        barHeight: 90,
      });
      const rgba = new Uint8ClampedArray(640 * 480 * 4).fill(255);
      grey.data.forEach((v, i) => {
        const clipped = Math.hypot((i % 640) - lamp.x, Math.floor(i / 640) - lamp.y) < 70;
        rgba.fill(clipped ? 255 : Math.min(v, 200), 4 * i, 4 * i + 3);
      });
      return new FakeImageData(rgba, 640, 480) as unknown as CameraFrame;
    };
    Object.assign(global, {
      BarcodeDetector: class extends FakeDetector {
        override detect = async () => [];
      },
    });
    const job = { formats: ['qr_code', 'code_39'] as const, effort: 'fast' as const };
    const glare = async (lamp: { x: number; y: number }, asked: boolean): Promise<number | undefined> =>
      (await decodeFrame(frameWith(lamp), { ...job, glare: asked })).result.glare;
    const onCode = await glare({ x: 230, y: 230 }, true);
    expect(onCode).toBeGreaterThanOrEqual(0.1);
    expect(await glare({ x: 230, y: 230 }, false)).toBeUndefined();
    expect((await glare({ x: 600, y: 40 }, true)) ?? 0).toBeLessThan(0.1);
    // No time left before the camera's next frame: not measured (NaN: unknown, not "no code"), like a rescue.
    const late = await decodeFrame(frameWith({ x: 230, y: 230 }), {
      ...job,
      glare: true,
      nextFrameAt: performance.timeOrigin,
    });
    expect(late.result.glare).toBeNaN();
  });
});
