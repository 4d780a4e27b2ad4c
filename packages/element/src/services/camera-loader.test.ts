import { describe, expect, it } from 'vitest';
import { degradedCodes } from './camera-loader.js';

// The element's camera view tells staff when decoding is degraded (docs/decoding.md, issue 30.5).
describe('degradedCodes (the camera decoder states the element reports)', () => {
  it('a missing or blocked WebAssembly file is camera-decoder-degraded', () => {
    for (const reason of ['wasm-not-found', 'wasm-blocked'] as const)
      expect(
        degradedCodes({ engine: 'js', reason, wasmUrl: 'https://shop.example/z.wasm' }, 'worker'),
      ).toEqual(['camera-decoder-degraded']);
  });

  it('decoding on the main thread is camera-decoder-main-thread, whatever the engine, even before a frame', () => {
    expect(degradedCodes({ engine: 'wasm' }, 'main-thread')).toEqual(['camera-decoder-main-thread']);
    expect(degradedCodes(undefined, 'main-thread')).toEqual(['camera-decoder-main-thread']);
    expect(degradedCodes({ engine: 'js', reason: 'wasm-blocked' }, 'main-thread')).toEqual([
      'camera-decoder-main-thread',
      'camera-decoder-degraded',
    ]);
  });

  it('stays quiet for the engines a deployment chose, in the worker', () => {
    expect(degradedCodes({ engine: 'wasm' }, 'worker')).toEqual([]);
    expect(degradedCodes({ engine: 'native' }, 'worker')).toEqual([]);
    expect(degradedCodes({ engine: 'js', reason: 'engine-js' }, 'worker')).toEqual([]);
    expect(degradedCodes(undefined, 'pending')).toEqual([]);
  });
});
