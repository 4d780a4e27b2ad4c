import type { GreyImage, PixelBox } from './types.js';

/** Halves both sides by 2×2 averaging: faster QR detection on 720p, and a mild denoise for blur/noise. */
export function halve(image: GreyImage): GreyImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const src = image.data;
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    let i = 2 * y * image.width;
    const o = y * width;
    for (let x = 0; x < width; x++, i += 2) {
      const j = i + image.width;
      data[o + x] =
        ((src[i] as number) + (src[i + 1] as number) + (src[j] as number) + (src[j + 1] as number) + 2) >> 2;
    }
  }
  return { data, width, height };
}

/** Negative image: light modules on a dark ground (phone screens in dark mode, inverted prints). */
export function invert(image: GreyImage): GreyImage {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = 255 - (image.data[i] as number);
  return { data, width: image.width, height: image.height };
}

/**
 * Stretches the 1st–99th percentile of luminance to 0–255: rescues dim (low light) and washed-out (glare) frames
 * whose histogram is squeezed into a narrow band.
 */
export function stretchContrast(image: GreyImage): GreyImage {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i] as number]! += 1;
  const cut = Math.floor(image.data.length * 0.01);
  let low = 0;
  for (let seen = 0; low < 255 && seen + (histogram[low] as number) <= cut; low++)
    seen += histogram[low] as number;
  let high = 255;
  for (let seen = 0; high > 0 && seen + (histogram[high] as number) <= cut; high--)
    seen += histogram[high] as number;
  if (high - low < 8) return image;
  const lut = new Uint8ClampedArray(256);
  for (let v = 0; v < 256; v++) lut[v] = ((v - low) * 255) / (high - low);
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = lut[image.data[i] as number] as number;
  return { data, width: image.width, height: image.height };
}

/** 3×3 box blur: averages sensor noise away (σ/3) at full resolution, for frames too small to halve. */
export function boxBlur(image: GreyImage): GreyImage {
  const { width: w, height: h, data: src } = image;
  const rows = new Uint16Array(w * h);
  for (let y = 0; y < h; y++) {
    const o = y * w;
    for (let x = 0; x < w; x++) {
      const l = src[o + (x > 0 ? x - 1 : x)] as number;
      const r = src[o + (x < w - 1 ? x + 1 : x)] as number;
      rows[o + x] = l + (src[o + x] as number) + r;
    }
  }
  const data = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : y) * w;
    const down = (y < h - 1 ? y + 1 : y) * w;
    const o = y * w;
    for (let x = 0; x < w; x++) {
      data[o + x] = ((rows[up + x] as number) + (rows[o + x] as number) + (rows[down + x] as number) + 4) / 9;
    }
  }
  return { data, width: w, height: h };
}

/** The pixels of a box (clipped to the image), e.g. around a symbol another decoder located but could not read. */
export function cropGrey(image: GreyImage, box: PixelBox): GreyImage {
  const x0 = Math.max(0, Math.floor(box.x));
  const y0 = Math.max(0, Math.floor(box.y));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8ClampedArray(width * height).fill(255);
  for (let y = y0; y < y1; y++) {
    data.set(image.data.subarray(y * image.width + x0, y * image.width + x1), (y - y0) * width);
  }
  return { data, width, height };
}
