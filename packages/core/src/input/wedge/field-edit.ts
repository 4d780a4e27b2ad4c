/**
 * The listener's DOM side: events as the classifier's plain records, a reader's characters taken back out of a
 * focused text field (and given back if the burst proves to be typing; only `<input>` of text-like types and
 * `<textarea>` are edited), and a hidden field of its own for keys that bring no text without one.
 */
import type { WedgeKeyRecord, WedgeTextRecord } from './types.js';

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** The field's state just before the first key of a burst. */
export type FieldSnapshot = Readonly<{ field: TextField; value: string; start: number; end: number }>;

const TEXT_TYPES = new Set(['text', 'search', 'tel', 'url', '']);

/** The text field an event is aimed at (through shadow roots), if it is one whose text we can edit. */
export function textFieldOf(event: Event): TextField | undefined {
  // By tag name, not `instanceof`: a field inside an iframe belongs to the iframe's realm.
  const target = aimedAt(event);
  const tag = target?.tagName;
  if (tag === 'TEXTAREA') return target as HTMLTextAreaElement;
  if (tag !== 'INPUT') return undefined;
  const input = target as HTMLInputElement;
  return TEXT_TYPES.has(input.type) && input.selectionStart !== null ? input : undefined;
}

/** Remembers a field's text and selection. */
export function snapshotField(field: TextField): FieldSnapshot {
  return { field, value: field.value, start: field.selectionStart ?? 0, end: field.selectionEnd ?? 0 };
}

function announce(field: TextField, inputType: string, data: string | null): void {
  // Frameworks (React, Vue, lit) keep their own copy of the value: tell them through a regular input event.
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType, data }));
}

/**
 * Puts the field back as it was before the burst and returns the text the burst had typed into it, or
 * `undefined` when the field changed in a way the burst does not explain (then nothing is touched).
 */
export function retract(snapshot: FieldSnapshot): string | undefined {
  const { field, value, start, end } = snapshot;
  const now = field.value;
  const head = value.slice(0, start);
  const tail = value.slice(end);
  if (now === value) return '';
  if (now.length < head.length + tail.length || !now.startsWith(head) || !now.endsWith(tail))
    return undefined;
  const typed = now.slice(start, now.length - tail.length);
  field.value = value;
  field.setSelectionRange(start, end);
  announce(field, 'deleteContentBackward', null);
  return typed;
}

/** Types `text` back at the field's selection (a recognized burst was a person typing after all). */
export function giveBack(field: TextField, text: string): void {
  if (text === '') return;
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  field.setRangeText(text, start, end, 'end');
  announce(field, 'insertText', text);
}

/** The element an event is aimed at (through shadow roots). */
function aimedAt(event: Event): Partial<HTMLInputElement> | undefined {
  return (event.composedPath()[0] ?? event.target) as Partial<HTMLInputElement> | undefined;
}

/** True for a password field: its keystrokes are never read. */
export function isPasswordField(event: Event): boolean {
  const target = aimedAt(event);
  return target?.tagName === 'INPUT' && target.type === 'password';
}

/** An `<input>` that takes no text: its keys are a reader's like any other focused control's. */
const NO_TEXT = /^(checkbox|radio|button|submit|reset|range|color|file|image)$/;

/**
 * True when the event goes to something that takes text (a text field of any type, a contenteditable); not a
 * checkbox, radio or other control that takes no text, where a reading is read as from the page.
 */
export function isEditable(event: Event): boolean {
  const target = aimedAt(event);
  if (target?.tagName === 'INPUT') return !NO_TEXT.test(target.type ?? '');
  return target?.tagName === 'TEXTAREA' || target?.isContentEditable === true;
}

/**
 * The page's own field the event goes to (a text field or contenteditable), unless it is a card field (`isCard`), or
 * inside `within` (the listener's element target).
 */
export function hostFieldOf(
  event: Event,
  isCard: (field: Element) => boolean,
  within: EventTarget,
): Element | undefined {
  const field = aimedAt(event) as Element;
  const inside = within !== field.ownerDocument && (within as Partial<Node>).contains?.(field) === true;
  return isEditable(event) && !inside && !isCard(field) ? field : undefined;
}

/**
 * A keydown/keyup as a record. `timeStamp` is the event's own (set when the browser received the input), so a page
 * whose main thread is busy still judges the reader's timing right.
 */
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
  const input = event as InputEvent;
  // A line break inserted without an Enter key (a reader that only inserts text) ends its reading.
  if (input.inputType === 'insertLineBreak' || input.inputType === 'insertParagraph')
    return { type: 'input', text: '\n', timeStamp: event.timeStamp };
  if (input.inputType !== 'insertText' || typeof input.data !== 'string' || input.data === '')
    return undefined;
  return { type: 'input', text: input.data, timeStamp: event.timeStamp };
}

/**
 * A field of the listener's own for readers whose keys arrive as `key: 'Unidentified'` (Android and iPad readers, an
 * IME: keyCode 229). Their text only comes as `beforeinput` into an editable element with focus; when nothing
 * editable has focus, the listener focuses this hidden field for the reading and gives focus back afterwards.
 */
export type CaptureField = {
  /** Focuses the hidden field (created on first use), remembering where focus was. */
  take(): void;
  /** Gives focus back to where it was and removes the field. Nothing when not taken. */
  restore(): void;
  readonly active: boolean;
};

/** Creates the (not yet inserted) capture field for a document. */
export function createCaptureField(doc: Document): CaptureField {
  let field: HTMLInputElement | undefined;
  let previous: Partial<HTMLElement> | null = null;
  return {
    get active() {
      return field !== undefined;
    },
    take() {
      if (field !== undefined) return;
      previous = doc.activeElement as Partial<HTMLElement> | null;
      field = doc.createElement('input');
      // A card field of ours; no on-screen keyboard for it; out of sight and out of the tab order.
      field.setAttribute('data-kaiku-card-input', '');
      field.setAttribute('aria-hidden', 'true');
      field.inputMode = 'none';
      field.tabIndex = -1;
      field.style.cssText = 'position:fixed;left:-9999px;opacity:0';
      doc.body.append(field);
      field.focus();
    },
    restore() {
      const had = field !== undefined && doc.activeElement === field;
      field?.remove();
      field = undefined;
      if (had && previous?.isConnected === true) previous.focus?.();
      previous = null;
    },
  };
}
