// Key events as a US keyboard sends them, for the browser tests (test/support/keys.ts) and the end-to-end driver
// (test/support/engine-driver.ts). Pure: no browser or runner needed.

export type KeyEvent = {
  readonly type: 'keydown' | 'keyup' | 'text';
  readonly key?: string;
  readonly code?: string;
  readonly text?: string;
  readonly keyCode?: number;
  readonly shiftKey?: boolean;
  readonly altKey?: boolean;
  readonly ctrlKey?: boolean;
  readonly metaKey?: boolean;
  readonly repeat?: boolean;
  readonly delayMs?: number;
};

const NAMED_CODES: Record<string, string> = {
  Enter: 'Enter',
  Escape: 'Escape',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  ArrowUp: 'ArrowUp',
  ArrowDown: 'ArrowDown',
  ArrowLeft: 'ArrowLeft',
  ArrowRight: 'ArrowRight',
  ' ': 'Space',
  '-': 'Minus',
  '.': 'Period',
  ',': 'Comma',
  '/': 'Slash',
};

/** The key events of one key on a US layout: Shift around capitals. */
export function keyTap(key: string, delayMs: number): KeyEvent[] {
  let code = NAMED_CODES[key];
  let shift = false;
  if (code === undefined && /^[a-zA-Z]$/.test(key)) {
    code = `Key${key.toUpperCase()}`;
    shift = key !== key.toLowerCase();
  }
  if (code === undefined && /^\d$/.test(key)) code = `Digit${key}`;
  if (code === undefined) throw new RangeError(`keyTap: no US key for ${JSON.stringify(key)}`);
  const tap: KeyEvent[] = [
    { type: 'keydown', key, code, shiftKey: shift, delayMs: shift ? 1 : delayMs },
    { type: 'keyup', key, code, shiftKey: shift, delayMs: 1 },
  ];
  if (!shift) return tap;
  return [
    { type: 'keydown', key: 'Shift', code: 'ShiftLeft', shiftKey: true, delayMs },
    ...tap,
    { type: 'keyup', key: 'Shift', code: 'ShiftLeft', delayMs: 1 },
  ];
}
