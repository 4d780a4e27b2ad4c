import { expect } from '@esm-bundle/chai';
import { parseCardId } from '../../index.js';
import { createWedgeListener } from '../wedge/index.js';
import { decodeImage } from './index.js';

/** Every URL this page fetched that belongs to a decoder (JS decoder, WebAssembly decoder, their libraries). */
function decoderRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => /zxing|quagga|\.wasm(\?|$)|jsqr|html5-qrcode/i.test(name));
}

describe('decoders load lazily', () => {
  it('a page that imports @kaiku-scanner/core and its wedge and reads a card fetches no decoder', async () => {
    expect(parseCardId('A045198723').ok).to.equal(true);
    const input = document.createElement('input');
    document.body.append(input);
    const listener = createWedgeListener({
      target: input,
      onScan: () => undefined,
      onError: () => undefined,
    });
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'A', code: 'KeyA', bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    listener.stop();
    input.remove();
    expect(decoderRequests()).to.deep.equal([]);
  });

  it('the first decodeImage call fetches them (so the check above can fail)', async () => {
    const blank = new ImageData(new Uint8ClampedArray(64 * 64 * 4).fill(255), 64, 64);
    expect(await decodeImage(blank)).to.equal(null);
    const fetched = decoderRequests();
    expect(fetched.some((url) => url.includes('zxing-wasm-decoder'))).to.equal(true);
    expect(fetched.some((url) => /zxing_reader\.wasm/.test(url))).to.equal(true);
    expect(fetched.some((url) => /zxing-decoder\.ts/.test(url))).to.equal(true);
  });
});
