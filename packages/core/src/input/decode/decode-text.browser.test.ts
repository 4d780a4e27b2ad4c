import { expect } from '@esm-bundle/chai';
import { code39Modules, flatImage, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { decodeImage } from './decode-image.js';

// One text contract for every engine: the text is the symbol's raw characters (control characters as themselves,
// GS1 element strings with their FNC1 separators as GS, U+001D), never a rendering such as `<SOH>` or `(01)…`.

/** A flat QR code of `bwip-js`'s `encoder` (8 px per module, 4-module quiet zone). */
const qr = (encoder: 'qrcode' | 'gs1qrcode', text: string): ImageData =>
  flatImage(qrModules(text, 'M', encoder), 8);

/** A flat Code 39 bar code, 3 px per module, 80 px high, with a 10-module quiet zone. */
function code39(text: string): ImageData {
  const m = code39Modules(text);
  const ctx = new OffscreenCanvas((m.width + 20) * 3, 120).getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, (m.width + 20) * 3, 120);
  ctx.fillStyle = '#000';
  for (let x = 0; x < m.width; x++) if (m.dark[x] === 1) ctx.fillRect((x + 10) * 3, 20, 3, 80);
  return ctx.getImageData(0, 0, (m.width + 20) * 3, 120);
}

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

  it('returns Code 39 characters as printed on both engines (no full ASCII, Code 32 or PZN reading)', async () => {
    // zxing-cpp's Code39 family would read these as `ABcD\r`, `A012345676` (Code 32) and a PZN.
    for (const text of ['AB+CD$M', '0CSSBD', '-12345678']) {
      const image = code39(text);
      for (const engine of engines) {
        const read = await decodeImage(image, { engine, native: false });
        expect(read?.text, `${engine} ${text}`).to.equal(text);
        expect(read?.format, `${engine} ${text}`).to.equal('code_39');
      }
    }
  });
});
