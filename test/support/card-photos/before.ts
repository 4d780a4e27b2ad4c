// The decode entry of an earlier commit, for before/after rows in one run: `null` here; the harness replaces this
// module when DECODE_BENCH_BEFORE names a commit (its packages/core/src, with the zxing-wasm it used: `zxingWasm2`
// when that was 2.2.4, loaded from the `zxing-wasm-2` alias).
import type * as Decode from '../../../packages/core/src/input/decode/index.js';

export const before:
  (Pick<typeof Decode, 'decodeImage' | 'acceptsCardId'> & { readonly zxingWasm2: boolean }) | null = null;
