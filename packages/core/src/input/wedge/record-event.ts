/**
 * DOM events to the classifier's plain records. `timeStamp` is the event's own (set when the browser received
 * the input), so a page whose main thread is busy still judges the reader's timing right.
 */
import type { WedgeKeyRecord, WedgeTextRecord } from './types.js';

/** A keydown/keyup as a record. */
export function recordKey(event: KeyboardEvent): WedgeKeyRecord | undefined {
  if (event.type !== 'keydown' && event.type !== 'keyup') return undefined;
  return {
    type: event.type,
    key: event.key ?? '',
    code: event.code ?? '',
    timeStamp: event.timeStamp,
    shiftKey: event.shiftKey,
    altKey: event.altKey,
    ctrlKey: event.ctrlKey,
    metaKey: event.metaKey,
    capsLock: event.getModifierState?.('CapsLock') === true,
    numLock: event.getModifierState?.('NumLock') === true,
    repeat: event.repeat,
  };
}

/** A paste, or the text of a `beforeinput` (read only for keys that came as `Unidentified`). */
export function recordText(event: Event): WedgeTextRecord | undefined {
  if (event.type === 'paste') {
    const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
    return { type: 'paste', text, timeStamp: event.timeStamp };
  }
  if (event.type === 'beforeinput') {
    const input = event as InputEvent;
    if (input.inputType !== 'insertText' || typeof input.data !== 'string' || input.data === '')
      return undefined;
    return { type: 'input', text: input.data, timeStamp: event.timeStamp };
  }
  return undefined;
}
