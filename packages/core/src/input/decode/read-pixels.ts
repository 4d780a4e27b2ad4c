import { DecodeError } from './decode-error.js';
import type { DecodableImage, DecodeRegion, GreyImage } from './types.js';

type PixelRect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

let scratch: { canvas: OffscreenCanvas | HTMLCanvasElement; context: Context2D } | undefined;

/**
 * The pixels to decode as RGBA `ImageData`, cropped to the region. Works in a Worker (OffscreenCanvas) and on the
 * main thread; an uncropped `ImageData` is returned as is (no copy).
 */
export function readPixels(image: DecodableImage, region: DecodeRegion | undefined): ImageData {
  const size = sizeOf(image);
  const rect = toPixelRect(size, region);
  if (isImageData(image)) {
    const cropped =
      rect.width === image.width && rect.height === image.height ? image : cropImageData(image, rect);
    return onWhite(cropped, cropped === image);
  }
  const { context } = scratchContext(rect.width, rect.height);
  // Transparent pixels (a PNG of a bare symbol) must read as paper, not as black ink.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, rect.width, rect.height);
  context.drawImage(image, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  return context.getImageData(0, 0, rect.width, rect.height);
}

/** RGBA → 8-bit luminance (ITU-R 601 weights in integer arithmetic). */
export function toGrey(pixels: ImageData): GreyImage {
  const { data: rgba, width, height } = pixels;
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    data[i] = ((rgba[j] as number) * 77 + (rgba[j + 1] as number) * 150 + (rgba[j + 2] as number) * 29) >> 8;
  }
  return { data, width, height };
}

/** Composites translucent pixels over white (copying first when the pixels are the caller's). */
function onWhite(pixels: ImageData, shared: boolean): ImageData {
  const src = pixels.data;
  let i = 3;
  while (i < src.length && src[i] === 255) i += 4;
  if (i >= src.length) return pixels;
  const out = shared ? new ImageData(new Uint8ClampedArray(src), pixels.width, pixels.height) : pixels;
  const d = out.data;
  for (let j = 0; j < d.length; j += 4) {
    const a = d[j + 3] as number;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) d[j + c] = ((d[j + c] as number) * a + 255 * (255 - a)) / 255;
    d[j + 3] = 255;
  }
  return out;
}

function isImageData(image: DecodableImage): image is ImageData {
  return typeof ImageData !== 'undefined' && image instanceof ImageData;
}

function sizeOf(image: DecodableImage): { width: number; height: number } {
  const candidate = image as Partial<
    Record<'width' | 'height' | 'videoWidth' | 'videoHeight' | 'displayWidth' | 'displayHeight', unknown>
  > | null;
  // A <video> reports its frame size as videoWidth/Height (width/height are layout attributes, often 0); a
  // VideoFrame as displayWidth/Height.
  const width = candidate?.videoWidth ?? candidate?.displayWidth ?? candidate?.width;
  const height = candidate?.videoHeight ?? candidate?.displayHeight ?? candidate?.height;
  if (typeof width !== 'number' || typeof height !== 'number' || !(width > 0) || !(height > 0)) {
    throw new DecodeError(
      'decode-unsupported-image',
      'The image has no pixels (empty, closed or not an image).',
    );
  }
  return { width, height };
}

function toPixelRect(size: { width: number; height: number }, region: DecodeRegion | undefined): PixelRect {
  if (region === undefined) return { x: 0, y: 0, width: size.width, height: size.height };
  const { x, y, width, height } = region;
  const valid =
    [x, y, width, height].every((v) => typeof v === 'number' && Number.isFinite(v)) &&
    x >= 0 &&
    y >= 0 &&
    width > 0 &&
    height > 0 &&
    x + width <= 1.000001 &&
    y + height <= 1.000001;
  if (!valid) {
    throw new DecodeError(
      'decode-invalid-region',
      'The region must be fractions of the image between 0 and 1.',
    );
  }
  const left = Math.floor(x * size.width);
  const top = Math.floor(y * size.height);
  return {
    x: left,
    y: top,
    width: Math.max(1, Math.min(size.width - left, Math.round(width * size.width))),
    height: Math.max(1, Math.min(size.height - top, Math.round(height * size.height))),
  };
}

function cropImageData(image: ImageData, rect: PixelRect): ImageData {
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const start = ((rect.y + row) * image.width + rect.x) * 4;
    out.set(image.data.subarray(start, start + rect.width * 4), row * rect.width * 4);
  }
  return new ImageData(out, rect.width, rect.height);
}

function scratchContext(width: number, height: number): { context: Context2D } {
  if (scratch === undefined) {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(width, height)
        : document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null;
    if (context === null) {
      throw new DecodeError('decode-unsupported-image', 'No 2D canvas is available to read the image.');
    }
    scratch = { canvas, context };
  }
  if (scratch.canvas.width !== width) scratch.canvas.width = width;
  if (scratch.canvas.height !== height) scratch.canvas.height = height;
  return scratch;
}
