import { expect } from '@esm-bundle/chai';
import { parseCardId } from '../../card-id/parse-card-id.js';
import { isKaikuError } from '../../errors/kaiku-error.js';
import { listCases, renderCase } from '../../../../../test/support/card-photos/corpus.js';
import { code39Modules, qrModules } from '../../../../../test/support/card-photos/symbols.js';
import { acceptsCardId, cardIdFilter } from './accepts-card-id.js';
import { decodeImage } from './decode-image.js';
import { until } from '../../../../../test/support/until.js';
import { resetNativeDetector } from './native-detector.js';
import { getZXingModule } from 'zxing-wasm/reader';
import { rate } from '../../../../../test/support/card-photos/rate.js';

/** A flat, axis-aligned symbol on white (what a scanner test chart looks like). */
function flatSymbol(kind: 'qr' | 'c39', text: string, options: { checkDigit?: boolean } = {}): ImageData {
  const m = kind === 'qr' ? qrModules(text) : code39Modules(text, options);
  const scale = kind === 'qr' ? 8 : 3;
  const width = (m.width + 20) * scale;
  const height = kind === 'qr' ? (m.height + 20) * scale : 120;
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  for (let y = 0; y < m.height; y++) {
    for (let x = 0; x < m.width; x++) {
      if (m.dark[y * m.width + x] !== 1) continue;
      if (kind === 'qr') ctx.fillRect((x + 10) * scale, (y + 10) * scale, scale, scale);
      else ctx.fillRect((x + 10) * scale, 20, scale, 80);
    }
  }
  return ctx.getImageData(0, 0, width, height);
}

function solid(width: number, height: number, grey: number): ImageData {
  const data = new Uint8ClampedArray(width * height * 4).fill(grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return new ImageData(data, width, height);
}

function noise(width: number, height: number, seed: number): ImageData {
  const image = solid(width, height, 0);
  let s = seed;
  for (let i = 0; i < image.data.length; i += 4) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    image.data[i] = image.data[i + 1] = image.data[i + 2] = s >>> 24;
  }
  return image;
}

describe('decodeImage on generated card photos', function () {
  // Dozens of full-size photos per test, decoded on the CPU: on a loaded 2-core machine (load 23) one 3264×2448
  // photo set took over 30 s. Speed is the decode bench's business; the timeout only catches a hang.
  this.timeout(120_000);

  it('reads every clean QR and Code 39 card at 1280×720 and 640×480', async () => {
    const cases = listCases({ seed: 7, perCell: 2, conditions: ['clean'] });
    const { ok, wrong } = await rate(cases);
    expect(wrong).to.deep.equal([]);
    expect(ok).to.equal(cases.length);
  });
});

describe('decodeImage: nothing in the frame is null, never an exception', () => {
  it('returns null for blank, black and noise frames', async () => {
    expect(await decodeImage(solid(640, 480, 255))).to.equal(null);
    expect(await decodeImage(solid(1280, 720, 0))).to.equal(null);
    expect(await decodeImage(noise(640, 480, 1))).to.equal(null);
    expect(await decodeImage(noise(1280, 720, 2), { effort: 'thorough' })).to.equal(null);
  });

  it('returns null for a tiny image', async () => {
    expect(await decodeImage(solid(3, 2, 128))).to.equal(null);
  });

  it('returns null when only the other format was asked for', async () => {
    expect(await decodeImage(flatSymbol('qr', 'A045198723'), { formats: ['code_39'] })).to.equal(null);
    expect(await decodeImage(flatSymbol('c39', 'A045198723'), { formats: ['qr_code'] })).to.equal(null);
    expect(await decodeImage(flatSymbol('c39', 'A045198723'), { formats: ['code_39'] })).to.deep.equal({
      text: 'A045198723',
      format: 'code_39',
    });
  });
});

describe('decodeImage inputs and options', () => {
  const qr = flatSymbol('qr', 'X000011986');
  const expected = { text: 'X000011986', format: 'qr_code' };

  it('accepts ImageData, ImageBitmap, OffscreenCanvas and HTMLCanvasElement', async () => {
    expect(await decodeImage(qr)).to.deep.equal(expected);
    expect(await decodeImage(await createImageBitmap(qr))).to.deep.equal(expected);
    const offscreen = new OffscreenCanvas(qr.width, qr.height);
    offscreen.getContext('2d')!.putImageData(qr, 0, 0);
    expect(await decodeImage(offscreen)).to.deep.equal(expected);
    const canvas = document.createElement('canvas');
    canvas.width = qr.width;
    canvas.height = qr.height;
    canvas.getContext('2d')!.putImageData(qr, 0, 0);
    expect(await decodeImage(canvas)).to.deep.equal(expected);
  });

  it('reads a symbol drawn on a transparent background (ink on nothing, as in a PNG export)', async () => {
    const transparent = new ImageData(new Uint8ClampedArray(qr.data), qr.width, qr.height);
    const d = transparent.data;
    for (let i = 0; i < d.length; i += 4) if (d[i] === 255) d[i] = d[i + 1] = d[i + 2] = d[i + 3] = 0;
    expect(await decodeImage(transparent)).to.deep.equal(expected);
    expect(await decodeImage(transparent, { engine: 'js' })).to.deep.equal(expected);
    // zxing-cpp alone: it reads the pixels as given first (ink on black), then over white.
    expect(await decodeImage(transparent, { engine: 'wasm' })).to.deep.equal(expected);
    expect(await decodeImage(transparent, { native: false, effort: 'thorough' })).to.deep.equal(expected);
    expect(await decodeImage(await createImageBitmap(transparent))).to.deep.equal(expected);
    // The caller's pixels are not touched.
    expect(d[3]).to.equal(0);
  });

  it('accepts a VideoFrame and the current frame of a playing <video>', async () => {
    const canvas = document.createElement('canvas');
    canvas.width = qr.width;
    canvas.height = qr.height;
    canvas.getContext('2d')!.putImageData(qr, 0, 0);
    const frame = new VideoFrame(canvas, { timestamp: 0 });
    expect(await decodeImage(frame)).to.deep.equal(expected);
    frame.close();
    const video = document.createElement('video');
    video.muted = true;
    // A canvas stream has a frame only when the canvas is drawn after capture began: WebKit's play() waits for that
    // frame, so keep drawing until the video knows its size.
    const drawing = setInterval(() => canvas.getContext('2d')!.putImageData(qr, 0, 0), 50);
    try {
      video.srcObject = canvas.captureStream(10);
      await video.play();
      await until(() => video.videoWidth > 0);
    } finally {
      clearInterval(drawing);
    }
    expect(video.width).to.equal(0);
    expect(await decodeImage(video)).to.deep.equal(expected);
    video.pause();
    video.srcObject = null;
  });

  it('searches only the region, given as fractions of the image', async () => {
    const frame = renderCase(
      listCases({ seed: 5, perCell: 1, sides: ['qr_code'], conditions: ['clean'] })[0]!,
    );
    const [c] = listCases({ seed: 5, perCell: 1, sides: ['qr_code'], conditions: ['clean'] });
    expect((await decodeImage(frame, { region: { x: 0, y: 0, width: 1, height: 1 } }))?.text).to.equal(
      c!.text,
    );
    expect(await decodeImage(frame, { region: { x: 0, y: 0, width: 0.05, height: 0.05 } })).to.equal(null);
    const bitmap = await createImageBitmap(frame);
    expect(await decodeImage(bitmap, { region: { x: 0, y: 0, width: 0.05, height: 0.05 } })).to.equal(null);
  });

  it('rejects a bad region, bad formats and an empty image with stable codes', async () => {
    const codeOf = async (p: Promise<unknown>): Promise<string> =>
      p.then(
        () => 'resolved',
        (e: unknown) => (isKaikuError(e) ? e.code : 'not a KaikuError'),
      );
    expect(await codeOf(decodeImage(qr, { region: { x: 0.5, y: 0, width: 0.6, height: 1 } }))).to.equal(
      'decode-invalid-region',
    );
    expect(await codeOf(decodeImage(qr, { region: { x: Number.NaN, y: 0, width: 1, height: 1 } }))).to.equal(
      'decode-invalid-region',
    );
    expect(await codeOf(decodeImage(qr, { formats: [] }))).to.equal('decode-invalid-formats');
    expect(await codeOf(decodeImage(qr, { formats: ['ean_13' as 'qr_code'] }))).to.equal(
      'decode-invalid-formats',
    );
    const closed = await createImageBitmap(qr);
    closed.close();
    expect(await codeOf(decodeImage(closed))).to.equal('decode-unsupported-image');
    expect(await codeOf(decodeImage({} as ImageData))).to.equal('decode-unsupported-image');
  });

  it('rejects with the abort reason when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new DOMException('stop', 'AbortError'));
    const error = await decodeImage(qr, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('skips candidates the accept filter refuses', async () => {
    const ticket = flatSymbol('qr', 'TICKET-12345');
    expect(await decodeImage(ticket)).to.deep.equal({ text: 'TICKET-12345', format: 'qr_code' });
    expect(await decodeImage(ticket, { accept: acceptsCardId })).to.equal(null);
    expect(await decodeImage(qr, { accept: acceptsCardId })).to.deep.equal(expected);
    expect(await decodeImage(ticket, { accept: acceptsCardId, engine: 'js' })).to.equal(null);
  });

  it('filters by a card-ID format with a check character', async () => {
    const withCheck = flatSymbol('c39', 'A999005458', { checkDigit: true });
    expect(await decodeImage(withCheck, { accept: acceptsCardId })).to.equal(null);
    const verify = cardIdFilter({ checkCharacter: 'verify' });
    expect(await decodeImage(withCheck, { accept: verify })).to.deep.equal({
      text: 'A999005458G',
      format: 'code_39',
    });
    expect(await decodeImage(flatSymbol('c39', 'A999005458'), { accept: verify })).to.equal(null);
  });

  it('verifies and strips the Code 39 check character only when asked', async () => {
    const withCheck = flatSymbol('c39', 'A999005458', { checkDigit: true });
    for (const engine of ['auto', 'js'] as const) {
      expect((await decodeImage(withCheck, { engine }))?.text).to.equal('A999005458G');
      expect((await decodeImage(withCheck, { engine, code39CheckDigit: true }))?.text).to.equal('A999005458');
      // A symbol without a check character never passes a check it does not carry.
      const plain = await decodeImage(flatSymbol('c39', 'A999005458'), { engine, code39CheckDigit: true });
      expect(plain === null || parseCardId(plain.text).ok === false || plain.text === 'A99900545').to.equal(
        true,
      );
    }
  });

  it('the WebAssembly engine loads from next to the module and reads QR and Code 39', async () => {
    expect(await decodeImage(qr, { engine: 'wasm' })).to.deep.equal(expected);
    expect((await decodeImage(flatSymbol('c39', 'Z000010669'), { engine: 'wasm' }))?.text).to.equal(
      'Z000010669',
    );
  });

  it('the JS engine alone reads QR and Code 39', async () => {
    expect(await decodeImage(qr, { engine: 'js' })).to.deep.equal(expected);
    expect((await decodeImage(flatSymbol('c39', 'Z000010669'), { engine: 'js' }))?.text).to.equal(
      'Z000010669',
    );
  });
});

describe('decodeImage with a native BarcodeDetector', () => {
  const global = globalThis as { BarcodeDetector?: unknown };
  const original = global.BarcodeDetector;
  afterEach(() => {
    global.BarcodeDetector = original;
    resetNativeDetector();
  });

  it('uses it when it supports the formats, and not when its format list is empty', async () => {
    let detected = 0;
    const fake = (formats: string[]): unknown =>
      class {
        static getSupportedFormats = async (): Promise<string[]> => formats;
        detect = async (): Promise<Array<{ rawValue: string; format: string }>> => {
          detected++;
          return [{ rawValue: 'Y110029399', format: 'code_39' }];
        };
      };
    global.BarcodeDetector = fake(['qr_code', 'code_39']);
    resetNativeDetector();
    expect(await decodeImage(solid(64, 64, 255))).to.deep.equal({ text: 'Y110029399', format: 'code_39' });
    expect(await decodeImage(solid(64, 64, 255), { native: false })).to.equal(null);
    expect(detected).to.equal(1);
    global.BarcodeDetector = fake([]);
    resetNativeDetector();
    expect(await decodeImage(solid(64, 64, 255))).to.equal(null);
    expect(detected).to.equal(1);
  });
});

describe('decodeImage: zxing-cpp releases what it reads', () => {
  it('deletes the C++ vector of results on every read (its Embind handles held each result: the soak)', async () => {
    const image = flatSymbol('qr', '1234567890');
    expect(await decodeImage(image, { native: false, engine: 'wasm' })).to.deep.equal({
      text: '1234567890',
      format: 'qr_code',
    });
    // The module `decodeImage` loaded (same overrides: the same instance); its vector class's `delete`, counted.
    const vectors = (
      (await getZXingModule()) as unknown as { ReadResults: { prototype: { delete(): void } } }
    ).ReadResults.prototype;
    const original = vectors.delete;
    let deleted = 0;
    vectors.delete = function (this: { delete(): void }) {
      deleted++;
      original.call(this);
    };
    try {
      for (let i = 0; i < 5; i++) await decodeImage(image, { native: false, engine: 'wasm' });
    } finally {
      delete (vectors as { delete?: unknown }).delete;
    }
    expect(deleted).to.equal(5);
  });
});
