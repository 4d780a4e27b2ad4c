import { expect } from '@esm-bundle/chai';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';
import { DEFAULT_WASM_URL } from './zxing-wasm-decoder.js';

// Its own file (own page): zxing-wasm keeps one module per page. The .wasm is compiled while it downloads when served
// as `application/wasm`; served as another type (many plain file servers), it is compiled once downloaded.
const card = (): ImageData => flatImage(qrModules('A045198723'));
const compile = WebAssembly.compile.bind(WebAssembly);
let wholeFileCompiles = 0;
WebAssembly.compile = (bytes) => ((wholeFileCompiles += 1), compile(bytes));

describe('the WebAssembly decoder, compiled while it downloads or once whole', () => {
  it('served as application/wasm: compiled from the stream (no whole-file compile), zxing-cpp reads', async () => {
    const read = await decodeImage(card(), { wasmUrl: DEFAULT_WASM_URL, engine: 'wasm' });
    expect(read).to.deep.equal({ text: 'A045198723', format: 'qr_code' });
    expect([getDecoderStatus(), wholeFileCompiles]).to.deep.equal([{ engine: 'wasm' }, 0]);
  });

  it('served as another type: compiled once whole, still zxing-cpp', async () => {
    const bytes = await (await fetch(DEFAULT_WASM_URL)).arrayBuffer();
    const wasmUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const read = await decodeImage(card(), { wasmUrl, engine: 'wasm' });
    expect(read).to.deep.equal({ text: 'A045198723', format: 'qr_code' });
    expect([getDecoderStatus(), wholeFileCompiles]).to.deep.equal([{ engine: 'wasm' }, 1]);
  });
});
