import type { LineBundle } from './scanlines.js';
import type { GreyImage } from './types.js';
/**
 * Finds bar-code-like regions and their axis: cells whose luminance gradients are strong and all point the same
 * way (a 1D code's bars), grouped into connected regions of similar orientation. Text and photos have strong but
 * disordered gradients; the structure tensor's coherence tells them apart. Returns scanline bundles along each
 * region's axis, biggest region first, so Code 39 is read at any rotation and under perspective.
 */
export declare function locateLinearCodes(image: GreyImage, maxRegions?: number): LineBundle[];
