/**
 * DOM events to the classifier's plain records. `timeStamp` is the event's own (set when the browser received
 * the input), so a page whose main thread is busy still judges the reader's timing right.
 */
import type { WedgeKeyRecord, WedgeTextRecord } from './types.js';
/** A keydown/keyup as a record. */
export declare function recordKey(event: KeyboardEvent): WedgeKeyRecord | undefined;
/** A paste, or the text of a `beforeinput` (read only for keys that came as `Unidentified`). */
export declare function recordText(event: Event): WedgeTextRecord | undefined;
