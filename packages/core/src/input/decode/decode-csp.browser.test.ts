import { expect } from '@esm-bundle/chai';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';

// A host page whose Content-Security-Policy lacks 'wasm-unsafe-eval' (own test file: the policy stays on this page).
const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content = "script-src 'self' 'unsafe-inline'";
document.head.append(meta);

const flatQr = (text: string): ImageData => flatImage(qrModules(text));

describe("decodeImage under a CSP without 'wasm-unsafe-eval'", () => {
  it('the policy really blocks WebAssembly here', async () => {
    const empty = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]);
    // Chromium and Firefox refuse to compile; WebKit compiles and refuses to instantiate.
    const error = await WebAssembly.instantiate(empty).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error);
  });

  it('falls back to the JS decoder and still reads the card', async () => {
    expect(await decodeImage(flatQr('Z000010669'))).to.deep.equal({ text: 'Z000010669', format: 'qr_code' });
  });

  it('says so: the status is the JS engine because WebAssembly is blocked', async () => {
    await decodeImage(flatQr('Z000010669'), { native: false });
    expect(getDecoderStatus()).to.include({ engine: 'js', reason: 'wasm-blocked' });
  });

  it('reports decode-decoder-unavailable when WebAssembly was required', async () => {
    const error = await decodeImage(flatQr('Z000010669'), { engine: 'wasm' }).catch((e: unknown) => e);
    expect(isKaikuError(error) && error.code).to.equal('decode-decoder-unavailable');
  });
});
