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

/**
 * Creates the (not yet inserted) capture field for a document.
 *
 * @example
 * const capture = createCaptureField(document);
 * capture.take(); // on an Unidentified keydown with no editable focus
 * capture.restore(); // once the reading is over
 */
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
