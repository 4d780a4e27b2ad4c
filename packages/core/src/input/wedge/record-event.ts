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
    repeat: event.repeat,
  };
}

/** A paste, or the text of a `beforeinput` (the classifier tells a key's own text from text that came without one). */
export function recordText(event: Event): WedgeTextRecord | undefined {
  if (event.type === 'paste') {
    const text = (event as ClipboardEvent).clipboardData?.getData('text/plain') ?? '';
    return { type: 'paste', text, timeStamp: event.timeStamp };
  }
  if (event.type === 'beforeinput') {
    const input = event as InputEvent;
    // A line break inserted without an Enter key (a reader that only inserts text) ends its reading.
    if (input.inputType === 'insertLineBreak' || input.inputType === 'insertParagraph')
      return { type: 'input', text: '\n', timeStamp: event.timeStamp };
    if (input.inputType !== 'insertText' || typeof input.data !== 'string' || input.data === '')
      return undefined;
    return { type: 'input', text: input.data, timeStamp: event.timeStamp };
  }
  return undefined;
}
