import { expect } from '@esm-bundle/chai';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';

// A host page whose Content-Security-Policy lacks 'wasm-unsafe-eval' (own test file: the policy stays on this page).
const meta = document.createElement('meta');
meta.httpEquiv = 'Content-Security-Policy';
meta.content = "script-src 'self' 'unsafe-inline'";
document.head.append(meta);

function flatQr(text: string): ImageData {
  const m = qrModules(text);
  const scale = 6;
  const size = (m.width + 8) * scale;
  const ctx = new OffscreenCanvas(size, size).getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#000';
  for (let y = 0; y < m.height; y++)
    for (let x = 0; x < m.width; x++)
      if (m.dark[y * m.width + x] === 1) ctx.fillRect((x + 4) * scale, (y + 4) * scale, scale, scale);
  return ctx.getImageData(0, 0, size, size);
}

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
