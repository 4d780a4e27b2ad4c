/** The classifier's states (docs/wedge.md, "States and transitions"); its transitions are `classify-wedge.ts`. */
import type { Burst } from './burst-checks.js';
import type { PendingScan } from './evaluate-burst.js';
import type { WedgeEffect } from './types.js';

/** Where the reading is: each phase is a row of docs/wedge.md's table ("States and transitions"). */
export type Phase =
  | { readonly name: 'idle' }
  /** `lateUntil`: a reading completed by silence may still get its terminator until then. */
  | { readonly name: 'ended'; readonly t: number; readonly lateUntil?: number | undefined }
  | { readonly name: 'typing' | 'reading' | 'framed' | 'stalled'; readonly burst: Burst }
  | { readonly name: 'cut' }
  | { readonly name: 'releasing'; readonly pending: PendingScan };

/** The keyboard beside the reading: which keys are down, an Alt code under way, the key that ended the reading. */
export type Keys = {
  /** Codes held down (keydown seen, keyup not yet): tells a doubled event from a typed double letter. */
  readonly down: readonly string[];
  /** Digits typed with Alt held (Alt+numpad character codes), `undefined` outside that mode. */
  readonly alt: string | undefined;
  /** Numpad keys pressed for an Alt code and not yet released: their keyups belong to no character. */
  readonly altDown: readonly string[];
  /** The code of the key that ended the last reading, until it comes up: its auto-repeats are the reader's too. */
  readonly heldEnd: string | undefined;
  /** The character of the last character key: its own `beforeinput` text, when it comes, is no second character. */
  readonly text: string | undefined;
};

export type WedgeState = {
  readonly phase: Phase;
  readonly keys: Keys;
  /** The last card read, and when: the same card again within `duplicateWindowMs` is a duplicate. */
  readonly last: { readonly id: string; readonly t: number } | undefined;
};

export type Step = { readonly state: WedgeState; readonly effects: readonly WedgeEffect[] };

/** `wakeAt`: when the adapter should feed an `idle` record (a burst may end by silence), else `undefined`. */
export type WedgeStep = Step & { readonly wakeAt: number | undefined };

export const IDLE: Phase = { name: 'idle' };
export const SUPPRESS: readonly WedgeEffect[] = [{ kind: 'suppress' }];
export const NONE: readonly WedgeEffect[] = [];

export const INITIAL_WEDGE_STATE: WedgeState = {
  phase: IDLE,
  keys: { down: [], alt: undefined, altDown: [], heldEnd: undefined, text: undefined },
  last: undefined,
};

/** A reading's line feed comes within this (CR+LF back to back); longer swallowed a clerk's confirming Enter. */
export const LINE_FEED_MS = 40;

/** How long a reader's recognized burst waits for its terminator (a slow Bluetooth link delivers it late). */
export const LATE_TERMINATOR_MS = 1000;

export function burstOf(phase: Phase): Burst | undefined {
  return 'burst' in phase ? phase.burst : undefined;
}

/** True when the listener has nothing under way (its capture field can give focus back). */
export function isAtRest(state: WedgeState): boolean {
  return ['idle', 'ended', 'cut'].includes(state.phase.name);
}

/** Inside a reader's burst, every event of a key is kept from the page. */
export function suppressIn(phase: Phase): readonly WedgeEffect[] {
  return burstOf(phase)?.recognized === true ? SUPPRESS : NONE;
}

export function lastT(burst: Burst): number {
  return burst.chars[burst.chars.length - 1]?.t ?? -Infinity;
}

/** The phase of a burst grown by a character: `framed` and `stalled` stay, `typing` becomes `reading` once recognized. */
export function grown(phase: Phase, burst: Burst): Phase {
  if (phase.name === 'framed' || phase.name === 'stalled') return { name: phase.name, burst };
  return { name: burst.recognized ? 'reading' : 'typing', burst };
}

export function withKeys(state: WedgeState, keys: Partial<Keys>): WedgeState {
  return { ...state, keys: { ...state.keys, ...keys } };
}

/** True while a key of the burst (`Unidentified`, `Process`) waits for its text. */
export function waitsForText(phase: Phase): boolean {
  return burstOf(phase)?.chars.some((c) => c.readings.length === 0) === true;
}
