import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
  });
});
