import { expect } from '@esm-bundle/chai';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';

// Its own file (own page): a module zxing-wasm cannot use stays pending in zxing-wasm's own cache for the page.
// A valid WebAssembly module that is not the decoder (here the smallest, `\0asm` and version 1, served as
// application/wasm): it compiles and instantiates, but Emscripten finds none of its exports.
const wasmUrl = URL.createObjectURL(
  new Blob([new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])], { type: 'application/wasm' }),
);
const card = (): ImageData => flatImage(qrModules('A045198723'));

describe('a .wasm that is not this version of the decoder', () => {
  it('is a missing file: the JS decoder reads the card and the status says why (never a hang)', async () => {
    expect(await decodeImage(card(), { wasmUrl })).to.deep.equal({ text: 'A045198723', format: 'qr_code' });
    expect(getDecoderStatus()).to.deep.equal({ engine: 'js', reason: 'wasm-not-found', wasmUrl });
  });

  it('rejects with decode-decoder-unavailable when WebAssembly was required', async () => {
    const error = await decodeImage(card(), { wasmUrl, engine: 'wasm' }).catch((e: unknown) => e);
    expect(isKaikuError(error) && error.code).to.equal('decode-decoder-unavailable');
  });
});
