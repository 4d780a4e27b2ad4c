// The decode entry of an earlier commit, for before/after rows in one run: `null` here; the harness replaces this
// module when DECODE_BENCH_BEFORE names a commit (its packages/core/src, with zxing-wasm 2.2.4 as `zxing-wasm`).
import type * as Decode from '../../../packages/core/src/input/decode/index.js';

export const before: Pick<typeof Decode, 'decodeImage' | 'acceptsCardId'> | null = null;
