/**
 * Takes a reader's characters back out of a focused text field, and gives them back if the burst proves to
 * be typing. Only `<input>` (text-like types) and `<textarea>` are edited; anything else is left alone.
 */

type TextField = HTMLInputElement | HTMLTextAreaElement;

/** The field's state just before the first key of a burst. */
export type FieldSnapshot = {
  readonly field: TextField;
  readonly value: string;
  readonly start: number;
  readonly end: number;
};

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

/** True when the event goes to something that takes text (a text field of any type, a contenteditable). */
export function isEditable(event: Event): boolean {
  const target = aimedAt(event);
  return /^(INPUT|TEXTAREA)$/.test(target?.tagName ?? '') || target?.isContentEditable === true;
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
