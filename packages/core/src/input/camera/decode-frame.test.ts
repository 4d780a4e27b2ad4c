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
});
