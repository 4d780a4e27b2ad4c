import type { GreyImage } from './types.js';
/** A bundle of parallel scanlines: centred on (cx, cy), along `angle` (radians), shifted by `offsets` across. */
export type LineBundle = {
  readonly cx: number;
  readonly cy: number;
  readonly angle: number;
  readonly length: number;
  readonly offsets: readonly number[];
  /** Distance between samples in pixels (default 1; 0.5 oversamples narrow bars of distant cards). */
  readonly step?: number;
};
/**
 * Samples the lines of a bundle (bilinear) as the rows of a new image, so a 1D reader sees a bar code at any angle
 * as a horizontal one, without rotating the frame. Outside the frame reads as white (a quiet zone, never a bar).
 */
export declare function sampleLines(image: GreyImage, bundle: LineBundle): GreyImage;
/** Lines across the whole frame at `degrees`, from the middle outwards (the blind search when nothing is located). */
export declare function frameBundle(image: GreyImage, degrees: number, count: number): LineBundle;
