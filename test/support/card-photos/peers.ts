// Browser-side adapters: every decoder of the benchmark behind one signature, fed the same ImageData.
import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
} from '@zxing/library';
import Quagga from '@ericblade/quagga2';
import jsQR from 'jsqr';
import { ZXingHtml5QrcodeDecoder } from 'html5-qrcode/esm/zxing-html5-qrcode-decoder.js';
import * as zxingWasm3 from 'zxing-wasm/reader';
// The previous zxing-wasm (an npm alias, for the bench only): old and new read the same frames in one run.
import * as zxingWasm2 from 'zxing-wasm-2/reader';
import { before } from './before.js';
// The public entry, from source (a stale dist/ must not be measured).
import { acceptsCardId, decodeImage } from '../../../packages/core/src/input/decode/index.js';

export type Read = { text: string; format: string } | null;
export type PeerDecoder = {
  readonly name: string;
  readonly formats: readonly ('qr_code' | 'code_39')[];
  /** Untimed preparation (e.g. putting the frame on a canvas, as the peer's camera loop does anyway). */
  prepare?(image: ImageData): unknown;
  decode(image: ImageData, prepared: unknown): Promise<Read>;
};

const grey = (image: ImageData): Uint8ClampedArray => {
  const out = new Uint8ClampedArray(image.width * image.height);
  const d = image.data;
  for (let i = 0, j = 0; i < out.length; i++, j += 4)
    out[i] = (d[j]! * 77 + d[j + 1]! * 150 + d[j + 2]! * 29) >> 8;
  return out;
};

function zxingAlone(): PeerDecoder {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_39]],
    [DecodeHintType.TRY_HARDER, true],
  ]);
  reader.setHints(hints);
  return {
    name: '@zxing/library',
    formats: ['qr_code', 'code_39'],
    decode: async (image) => {
      try {
        const source = new RGBLuminanceSource(grey(image), image.width, image.height);
        const r = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
        return {
          text: r.getText(),
          format: r.getBarcodeFormat() === BarcodeFormat.QR_CODE ? 'qr_code' : 'code_39',
        };
      } catch {
        return null;
      }
    },
  };
}

function html5Qrcode(): PeerDecoder {
  const quiet = { log() {}, warn() {}, logError() {}, logErrors() {} };
  // Html5QrcodeSupportedFormats.QR_CODE = 0, CODE_39 = 3.
  const decoder = new ZXingHtml5QrcodeDecoder([0, 3], false, quiet);
  const canvas = document.createElement('canvas');
  return {
    name: 'html5-qrcode',
    formats: ['qr_code', 'code_39'],
    prepare: (image) => {
      canvas.width = image.width;
      canvas.height = image.height;
      canvas.getContext('2d', { willReadFrequently: true })!.putImageData(image, 0, 0);
      return canvas;
    },
    decode: async (_image, prepared) => {
      try {
        const r = await decoder.decodeAsync(prepared as HTMLCanvasElement);
        return { text: r.text, format: r.format?.formatName === 'QR_CODE' ? 'qr_code' : 'code_39' };
      } catch {
        return null;
      }
    },
  };
}

/**
 * zxing-wasm as an integrator would call it for a card: the format names `QRCode` and `Code39` (in 3.x whole
 * families), the first symbol, its other defaults (`tryHarder`, rotation, inversion, downscaling). With `bare`, no
 * options at all (every format, up to 255 symbols): the first valid QR code or Code 39 among its results.
 */
function zxingWasm(
  name: string,
  { prepareZXingModule, readBarcodes }: typeof zxingWasm3 | typeof zxingWasm2,
  wasmUrl: string,
  bare = false,
): PeerDecoder {
  prepareZXingModule({ overrides: { locateFile: () => wasmUrl } });
  return {
    name,
    formats: ['qr_code', 'code_39'],
    decode: async (image) => {
      const results = bare
        ? await readBarcodes(image)
        : await readBarcodes(image, {
            formats: ['QRCode', 'Code39'],
            tryHarder: true,
            maxNumberOfSymbols: 1,
          });
      const r = results.find(
        (x) => x.isValid && (x.format.startsWith('QRCode') || x.format.startsWith('Code39')),
      );
      if (r === undefined) return null;
      return { text: r.text, format: r.format.startsWith('QRCode') ? 'qr_code' : 'code_39' };
    },
  };
}

function jsqr(): PeerDecoder {
  return {
    name: 'jsQR',
    formats: ['qr_code'],
    decode: async (image) => {
      const r = jsQR(image.data, image.width, image.height, { inversionAttempts: 'attemptBoth' });
      return r === null ? null : { text: r.data, format: 'qr_code' };
    },
  };
}

/**
 * quagga2 reads only from an image URL (an <img> it loads itself: no Worker, no ImageData). The PNG data URL is
 * made untimed; its decode of that URL is timed, as in real use it would be.
 */
function quagga(): PeerDecoder {
  const canvas = document.createElement('canvas');
  return {
    name: 'quagga2',
    formats: ['code_39'],
    prepare: (image) => {
      canvas.width = image.width;
      canvas.height = image.height;
      canvas.getContext('2d')!.putImageData(image, 0, 0);
      return canvas.toDataURL('image/png');
    },
    decode: async (image, prepared) => {
      try {
        const r = await Quagga.decodeSingle({
          src: prepared as string,
          numOfWorkers: 0,
          locate: true,
          inputStream: { size: Math.max(image.width, image.height) },
          decoder: { readers: ['code_39_reader'] },
        });
        const text = r?.codeResult?.code;
        return typeof text === 'string' && text !== '' ? { text, format: 'code_39' } : null;
      } catch {
        return null;
      }
    },
  };
}

function kaiku(
  name: string,
  options: Parameters<typeof decodeImage>[1],
  decode: typeof decodeImage = decodeImage,
): PeerDecoder {
  return { name, formats: ['qr_code', 'code_39'], decode: (image) => decode(image, options) };
}

/** The same calls on the earlier commit's decoder (DECODE_BENCH_BEFORE), with its zxing-wasm 2.2.4. */
function kaikuBefore(wasmUrl: string): PeerDecoder[] {
  if (before === null) return [];
  const { acceptsCardId: accept, decodeImage: decode } = before;
  return [
    kaiku('kaiku (card filter) before', { effort: 'fast', accept, wasmUrl }, decode),
    kaiku(
      'kaiku wasm only (card filter) before',
      { effort: 'fast', engine: 'wasm', accept, wasmUrl },
      decode,
    ),
    kaiku('kaiku thorough (card filter) before', { effort: 'thorough', accept, wasmUrl }, decode),
    kaiku('kaiku JS only (card filter) before', { effort: 'fast', engine: 'js', accept }, decode),
  ];
}

export function createPeers(wasmUrl: string, names?: readonly string[]): PeerDecoder[] {
  // The harness serves zxing-wasm 2.2.4's binary beside the current one.
  const wasmUrl2 = wasmUrl.replace(/zxing_reader\.wasm$/, 'zxing_reader-2.2.4.wasm');
  const all = [
    kaiku('kaiku decodeImage', { effort: 'fast' }),
    // As the camera calls it: only card IDs accepted (a filter must never cost a card).
    kaiku('kaiku (card filter)', { effort: 'fast', accept: acceptsCardId }),
    kaiku('kaiku (JS only)', { effort: 'fast', engine: 'js' }),
    kaiku('kaiku JS only (card filter)', { effort: 'fast', engine: 'js', accept: acceptsCardId }),
    // zxing-cpp without the JS rescue passes: what those passes add, and cost on frames without a card.
    kaiku('kaiku wasm only (card filter)', { effort: 'fast', engine: 'wasm', accept: acceptsCardId }),
    kaiku('kaiku (thorough)', { effort: 'thorough' }),
    // As a still or an upload is read: every pass, the card filter.
    kaiku('kaiku thorough (card filter)', { effort: 'thorough', accept: acceptsCardId }),
    zxingAlone(),
    html5Qrcode(),
    zxingWasm('zxing-wasm', zxingWasm3, wasmUrl),
    zxingWasm('zxing-wasm (no options)', zxingWasm3, wasmUrl, true),
    zxingWasm('zxing-wasm 2.2.4', zxingWasm2, wasmUrl2),
    ...kaikuBefore(before?.zxingWasm2 === true ? wasmUrl2 : wasmUrl),
    jsqr(),
    quagga(),
  ];
  return names === undefined ? all : all.filter((p) => names.includes(p.name));
}
