import type { ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeTextRecord } from './types.js';
/**
 * Effects of one paste.
 *
 * @example
 * pasteEffects({ type: 'paste', text: 'A045198723\r\n', timeStamp: 5 }, resolveWedgeOptions());
 */
export declare function pasteEffects(record: WedgeTextRecord, options: ResolvedWedgeOptions): WedgeEffect[];
