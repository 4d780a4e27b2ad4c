import { describe, expect, it } from 'vitest';
import type { CameraError } from '@kaiku-scanner/core/camera';
import { reportDegraded } from './camera-loader.js';

// The element's camera view tells staff when zxing_reader.wasm is missing or blocked (docs/decoding.md).
describe('reportDegraded (the camera decoder status the element reports)', () => {
  const run = (status: Parameters<ReturnType<typeof reportDegraded>>[0]): CameraError[] => {
    const reported: CameraError[] = [];
    reportDegraded((e) => reported.push(e))(status);
    return reported;
  };

  it('reports camera-decoder-degraded for a missing or blocked WebAssembly file', () => {
    for (const reason of ['wasm-not-found', 'wasm-blocked'] as const) {
      const [error, ...rest] = run({
        engine: 'js',
        reason,
        wasmUrl: 'https://shop.example/zxing_reader.wasm',
      });
      expect(rest).toEqual([]);
      expect(error?.code).toBe('camera-decoder-degraded');
    }
  });

  it('stays quiet for the engines a deployment chose', () => {
    expect(run({ engine: 'wasm' })).toEqual([]);
    expect(run({ engine: 'native' })).toEqual([]);
    expect(run({ engine: 'js', reason: 'engine-js' })).toEqual([]);
  });
});
