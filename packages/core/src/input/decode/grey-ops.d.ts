import type { GreyImage } from './types.js';
/** Halves both sides by 2×2 averaging: faster QR detection on 720p, and a mild denoise for blur/noise. */
export declare function halve(image: GreyImage): GreyImage;
/** Negative image: light modules on a dark ground (phone screens in dark mode, inverted prints). */
export declare function invert(image: GreyImage): GreyImage;
/**
 * Stretches the 1st–99th percentile of luminance to 0–255: rescues dim (low light) and washed-out (glare) frames
 * whose histogram is squeezed into a narrow band.
 */
export declare function stretchContrast(image: GreyImage): GreyImage;
