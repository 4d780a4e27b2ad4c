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
/** The text field an event is aimed at (through shadow roots), if it is one whose text we can edit. */
export declare function textFieldOf(event: Event): TextField | undefined;
/** Remembers a field's text and selection. */
export declare function snapshotField(field: TextField): FieldSnapshot;
/**
 * Puts the field back as it was before the burst and returns the text the burst had typed into it, or
 * `undefined` when the field changed in a way the burst does not explain (then nothing is touched).
 */
export declare function retract(snapshot: FieldSnapshot): string | undefined;
/** Types `text` back at the field's selection (a recognized burst was a person typing after all). */
export declare function giveBack(field: TextField, text: string): void;
export {};
