import { DecodeError } from './decode-error.js';
import type { DecodableImage, DecodeRegion, GreyImage } from './types.js';

type PixelRect = { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

let scratch: Context2D | undefined;
/** Per source pixel format: whether this engine's `VideoFrame.copyTo` converts it to RGBA correctly. */
const convertsToRgba = new Map<VideoPixelFormat, Promise<boolean>>();

/** The pixels of a frame to decode, and the same with translucent pixels put over white, made when first asked. */
export type FramePixels = {
  /** As given: an `ImageData`'s own pixels (cropped), not yet scanned for translucency; other inputs composited. */
  readonly pixels: ImageData;
  /** The pixels over white paper (`pixels` itself when every pixel is opaque). */
  readonly onWhite: () => ImageData;
};

/**
 * The pixels of `image` in `region`. An `ImageData` is not scanned for translucency until `onWhite` is asked: the
 * scan reads every pixel of a freshly drawn frame, a cost on the order of zxing-cpp's read of it, and a read of the
 * pixels as given is a symbol that is there. A `VideoFrame` is read by `copyTo(…, { format: 'RGBA' })`, its buffer
 * converted straight into the result (a camera frame's one copy, ~3× faster at 720p than drawing it), except where
 * the engine cannot convert that pixel format correctly (checked once per format on a known colour: WebKitGTK 2.50
 * returns BGRA frames unconverted), or the frame is translucent or scaled for display: then it is drawn.
 */
export async function readFramePixels(
  image: DecodableImage,
  region: DecodeRegion | undefined,
): Promise<FramePixels> {
  if (isImageData(image)) {
    const pixels = regionOf(image, region);
    let white: ImageData | undefined;
    return { pixels, onWhite: () => (white ??= onWhite(pixels, pixels === image)) };
  }
  const copied =
    isVideoFrame(image) && image.format !== null && (await converts(image.format))
      ? await copyVideoFrame(image, region)
      : null;
  const pixels = copied ?? readPixels(image, region);
  return { pixels, onWhite: () => pixels };
}

/** Any other image drawn over white and read as RGBA, cropped to the region (OffscreenCanvas in a Worker). */
export function readPixels(
  image: Exclude<DecodableImage, ImageData>,
  region: DecodeRegion | undefined,
): ImageData {
  const rect = toPixelRect(sizeOf(image), region);
  const context = scratchContext(rect.width, rect.height);
  // Transparent pixels (a PNG of a bare symbol) must read as paper, not as black ink.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, rect.width, rect.height);
  context.drawImage(image, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  // WebKitGTK draws a translucent VideoFrame without compositing it over the white: composite what is left.
  return onWhite(context.getImageData(0, 0, rect.width, rect.height), false);
}

/** RGBA → 8-bit luminance (ITU-R 601 weights in integer arithmetic). */
export function toGrey(pixels: ImageData): GreyImage {
  const { data: rgba, width, height } = pixels;
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4)
    data[i] = ((rgba[j] as number) * 77 + (rgba[j + 1] as number) * 150 + (rgba[j + 2] as number) * 29) >> 8;
  return { data, width, height };
}

/** Composites translucent pixels over white (copying first when the pixels are the caller's). */
function onWhite(pixels: ImageData, shared: boolean): ImageData {
  if (isOpaque(pixels.data)) return pixels;
  const out = shared
    ? new ImageData(new Uint8ClampedArray(pixels.data), pixels.width, pixels.height)
    : pixels;
  const d = out.data;
  for (let j = 0; j < d.length; j += 4) {
    const a = d[j + 3] as number;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) d[j + c] = ((d[j + c] as number) * a + 255 * (255 - a)) / 255;
    d[j + 3] = 255;
  }
  return out;
}

async function copyVideoFrame(
  frame: VideoFrame,
  region: DecodeRegion | undefined,
): Promise<ImageData | null> {
  const visible = frame.visibleRect;
  // A closed frame has no rect (readPixels reports it); a frame scaled for display is drawn at its display size.
  if (visible === null || frame.displayWidth !== visible.width || frame.displayHeight !== visible.height)
    return null;
  const rect = toPixelRect(sizeOf(frame), region);
  const options: VideoFrameCopyToOptions = {
    format: 'RGBA',
    rect: { x: visible.x + rect.x, y: visible.y + rect.y, width: rect.width, height: rect.height },
  };
  let data: Uint8ClampedArray<ArrayBuffer>;
  try {
    const size = frame.allocationSize(options);
    if (size !== rect.width * rect.height * 4) return null; // Padded rows: not ImageData's layout.
    data = new Uint8ClampedArray(size);
    await frame.copyTo(data, options);
  } catch {
    return null; // A crop the engine cannot take: the canvas path reads this frame.
  }
  // Engines disagree on whether a translucent frame's copy is premultiplied (Chromium and Firefox 140 return a
  // canvas frame premultiplied, which their own drawImage treats differently): such a frame takes the canvas path,
  // where each engine composites it over white the way it draws it. Camera frames are opaque: a YUV format without
  // an alpha plane (NV12, I420, …; a camera's) converts to alpha 255 by definition, so its copy is not scanned.
  return !hasAlphaPlane(frame.format) || isOpaque(data) ? new ImageData(data, rect.width, rect.height) : null;
}

function converts(format: VideoPixelFormat): Promise<boolean> {
  const checked = convertsToRgba.get(format) ?? checkConversion(format);
  convertsToRgba.set(format, checked);
  return checked;
}

/** RGB (200, 100, 50) in a 4×4 frame of `format`, copied to RGBA: the channels must come back in their order. */
async function checkConversion(format: VideoPixelFormat): Promise<boolean> {
  const frame = colourFrame(format);
  if (frame === null) return false;
  try {
    const options: VideoFrameCopyToOptions = { format: 'RGBA' };
    const rgba = new Uint8Array(frame.allocationSize(options));
    if (rgba.length !== 4 * 4 * 4) return false;
    await frame.copyTo(rgba, options);
    const rgb = [200, 100, 50];
    return rgba.every((v, i) => (i % 4 === 3 ? v === 255 : Math.abs(v - (rgb[i % 4] as number)) <= 24));
  } catch {
    return false;
  } finally {
    frame.close();
  }
}

/** A 4×4 frame of RGB (200, 100, 50) in one of the formats cameras and canvases give, or `null` for others. */
function colourFrame(format: VideoPixelFormat): VideoFrame | null {
  const size = 4 * 4;
  let data: Uint8Array;
  if (format === 'RGBA' || format === 'RGBX' || format === 'BGRA' || format === 'BGRX') {
    const pixel = format.startsWith('RGB') ? [200, 100, 50, 255] : [50, 100, 200, 255];
    data = new Uint8Array(size * 4).map((_, i) => pixel[i % 4] as number);
  } else if (format === 'I420' || format === 'NV12') {
    // BT.601 limited range (Y 123, U 91, V 175); BT.709 decodes it within the check's tolerance too.
    data = new Uint8Array(size + size / 2).fill(123, 0, size);
    if (format === 'I420') data.fill(91, size, size + size / 4).fill(175, size + size / 4);
    else for (let i = size; i < data.length; i += 2) data.set([91, 175], i);
  } else return null;
  try {
    return new VideoFrame(data, { format, codedWidth: 4, codedHeight: 4, timestamp: 0 });
  } catch {
    return null;
  }
}

/** Whether a frame's pixel format can hold translucent pixels: every format but YUV ones without an alpha plane. */
export function hasAlphaPlane(format: string | null): boolean {
  return format === null || !/^(?:NV12|I4\d\d(?:P1[02])?)$/.test(format);
}

/** The alpha byte of an RGBA pixel read as one 32-bit word: the high byte on little-endian machines. */
const ALPHA_BITS = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1 ? 0xff000000 | 0 : 0xff;

/** Whether every pixel is opaque: one word per pixel where aligned (AND of words keeps alpha), in chunks. */
export function isOpaque(rgba: Uint8ClampedArray): boolean {
  if (rgba.byteOffset % 4 !== 0 || rgba.length % 4 !== 0) {
    for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
    return true;
  }
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.length / 4);
  for (let start = 0; start < words.length; start += 4096) {
    let all = -1;
    for (let i = start, end = Math.min(words.length, start + 4096); i < end; i++) all &= words[i] as number;
    if ((all & ALPHA_BITS) !== ALPHA_BITS) return false;
  }
  return true;
}

function isVideoFrame(image: DecodableImage): image is VideoFrame {
  return typeof VideoFrame === 'function' && image instanceof VideoFrame;
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

/** An `ImageData`'s pixels in the region: the image itself (no copy) when the region is all of it. */
function regionOf(image: ImageData, region: DecodeRegion | undefined): ImageData {
  const rect = toPixelRect(sizeOf(image), region);
  if (rect.width === image.width && rect.height === image.height) return image;
  const out = new Uint8ClampedArray(rect.width * rect.height * 4);
  for (let row = 0; row < rect.height; row++) {
    const start = ((rect.y + row) * image.width + rect.x) * 4;
    out.set(image.data.subarray(start, start + rect.width * 4), row * rect.width * 4);
  }
  return new ImageData(out, rect.width, rect.height);
}

function scratchContext(width: number, height: number): Context2D {
  if (scratch === undefined) {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(width, height)
        : document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null;
    if (context === null)
      throw new DecodeError('decode-unsupported-image', 'No 2D canvas is available to read the image.');
    scratch = context;
  }
  if (scratch.canvas.width !== width) scratch.canvas.width = width;
  if (scratch.canvas.height !== height) scratch.canvas.height = height;
  return scratch;
}
