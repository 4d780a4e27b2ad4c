import { expect } from '@esm-bundle/chai';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';
import { getDecoderStatus } from './decoder-status.js';

// Its own file (own page): zxing-wasm keeps one module per page, and this test breaks it on purpose.
const flatQr = (text: string): ImageData => flatImage(qrModules(text));

describe('decodeImage where WebAssembly cannot load (CSP without wasm-unsafe-eval, missing file)', () => {
  const wasmUrl = new URL('/no-such-dir/zxing_reader.wasm', location.href).href;

  it('falls back to the JS decoder in auto mode and still reads the card', async () => {
    expect(await decodeImage(flatQr('A045198723'), { wasmUrl })).to.deep.equal({
      text: 'A045198723',
      format: 'qr_code',
    });
  });

  it('says so: the status names the JS engine, the reason, the URL and the HTTP status', async () => {
    await decodeImage(flatQr('A045198723'), { wasmUrl });
    expect(getDecoderStatus()).to.deep.equal({
      engine: 'js',
      reason: 'wasm-not-found',
      httpStatus: 404,
      wasmUrl,
    });
  });

  it('a page server that answers the .wasm path with its HTML (200) is a missing file too', async () => {
    const htmlUrl = new URL('/', location.href).href;
    expect(await decodeImage(flatQr('A045198723'), { wasmUrl: htmlUrl })).to.not.equal(null);
    expect(getDecoderStatus()).to.deep.equal({ engine: 'js', reason: 'wasm-not-found', wasmUrl: htmlUrl });
  });

  it("engine js is the caller's choice, not a degradation", async () => {
    await decodeImage(flatQr('A045198723'), { engine: 'js' });
    expect(getDecoderStatus()).to.deep.equal({ engine: 'js', reason: 'engine-js' });
  });

  it('rejects with decode-decoder-unavailable when WebAssembly was required', async () => {
    const error = await decodeImage(flatQr('A045198723'), { wasmUrl, engine: 'wasm' }).catch(
      (e: unknown) => e,
    );
    expect(isKaikuError(error) && error.code).to.equal('decode-decoder-unavailable');
  });
});
