import type { DecodableImage, DecodeRegion, GreyImage } from './types.js';
/**
 * The pixels to decode as RGBA `ImageData`, cropped to the region. Works in a Worker (OffscreenCanvas) and on the
 * main thread; an uncropped `ImageData` is returned as is (no copy).
 */
export declare function readPixels(image: DecodableImage, region: DecodeRegion | undefined): ImageData;
/** RGBA → 8-bit luminance (ITU-R 601 weights in integer arithmetic). */
export declare function toGrey(pixels: ImageData): GreyImage;
