import { expect } from '@esm-bundle/chai';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';
import { DEFAULT_WASM_URL } from './zxing-wasm-decoder.js';

// Its own file (own page): zxing-wasm keeps one module per page. Many plain file servers name a .wasm
// `application/octet-stream`: the decoder fetches the file whole and compiles it itself, whatever its type.
describe('the WebAssembly decoder served as another type than application/wasm', () => {
  it('is still used: zxing-cpp reads the card, and the status says wasm', async () => {
    const bytes = await (await fetch(DEFAULT_WASM_URL)).arrayBuffer();
    const wasmUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const read = await decodeImage(flatImage(qrModules('A045198723')), { wasmUrl, engine: 'wasm' });
    expect(read).to.deep.equal({ text: 'A045198723', format: 'qr_code' });
    expect(getDecoderStatus()).to.deep.equal({ engine: 'wasm' });
  });
});
