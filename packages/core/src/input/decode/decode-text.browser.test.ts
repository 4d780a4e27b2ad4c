import { expect } from '@esm-bundle/chai';
import { flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';

// One text contract for every engine: the text is the symbol's raw characters (control characters as themselves,
// GS1 element strings with their FNC1 separators as GS, U+001D), never a rendering such as `<SOH>` or `(01)…`.

/** A flat QR code of `bwip-js`'s `encoder` (8 px per module, 4-module quiet zone). */
const qr = (encoder: 'qrcode' | 'gs1qrcode', text: string): ImageData =>
  flatImage(qrModules(text, 'M', encoder), 8);

const engines = ['wasm', 'js'] as const;

describe('decodeImage: one text contract for the WebAssembly and JS engines', function () {
  this.timeout(30_000);

  it('returns control characters raw on both engines', async () => {
    const text = '\u0001A045198723\u0004';
    const image = qr('qrcode', text);
    for (const engine of engines) {
      const read = await decodeImage(image, { engine, native: false });
      expect(read?.text, engine).to.equal(text);
    }
  });

  it('returns a GS1 QR code as its element string with GS separators on both engines', async () => {
    // FNC1 in first position; a variable-length field (10) is ended by FNC1, which the text carries as GS.
    const image = qr('gs1qrcode', '(01)09501101020917(10)ABC123(21)12345');
    const expected = '010950110102091710ABC123\u001d2112345';
    for (const engine of engines) {
      const read = await decodeImage(image, { engine, native: false });
      expect(read?.text, engine).to.equal(expected);
    }
  });

  it('returns plain text unchanged on both engines', async () => {
    const image = qr('qrcode', 'https://www.kaikukortti.fi/?a=1&b=ä');
    for (const engine of engines) {
      const read = await decodeImage(image, { engine, native: false });
      expect(read?.text, engine).to.equal('https://www.kaikukortti.fi/?a=1&b=ä');
    }
  });
});
