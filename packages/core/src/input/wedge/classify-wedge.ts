/**
 * The keyboard-wedge classifier: a pure reducer over recorded events. Each record gives a new state and the
 * effects the adapter must carry out (suppress an event, give characters back, report a scan or an error).
 * Timing comes only from the records' `timeStamp`, so a busy page that runs handlers late judges the same.
 */
import { numpadDigit } from './layouts.js';
import { resolveKey } from './resolve-key.js';
import type { Burst } from './burst-checks.js';
import { couldGrow, evaluateBurst, type BurstEnd } from './evaluate-burst.js';
import {
  matchesTerminator,
  otherTerminatorName,
  isModifier,
  altCodeChar,
  charFromKey,
  isControlChar,
} from './key-kinds.js';
import { addChar, doubledKey } from './add-char.js';
import { fillUnidentified, releaseChar } from './burst-edits.js';
import { pasteEffects } from './paste.js';
import {
  holdScan,
  PENDING_HOLD_MS,
  refuseOnKeyDown,
  releaseOnKeyUp,
  releaseOnSilence,
  type PendingScan,
} from './pending-scan.js';
import {
  CLASSIFIER_OPTIONS,
  checkWedgeOptions,
  resolveWedgeOptions,
  type ResolvedWedgeOptions,
} from './wedge-options.js';
import type {
  WedgeClassifierOptions,
  WedgeEffect,
  WedgeKeyRecord,
  WedgeRecord,
  WedgeTextRecord,
} from './types.js';

export type WedgeState = {
  readonly burst: Burst | undefined;
  /** Codes held down (keydown seen, keyup not yet): tells a doubled event from a typed double letter. */
  readonly down: readonly string[];
  /** Digits typed with Alt held (Alt+numpad character codes), `undefined` outside that mode. */
  readonly altDigits: string | undefined;
  /** Numpad keys pressed for an Alt code and not yet released: their keyups belong to no character. */
  readonly altDown?: readonly string[];
  /** A scan waiting for its terminator's keyup. */
  readonly pending?: PendingScan | undefined;
  /** A control character came after the burst's last character: only the terminator may follow it. */
  readonly control?: boolean;
  /** When the last scan was reported: a line feed or second Enter the reader sends right after is kept from the page. */
  readonly tail?: number;
  /**
   * Terminator `'auto'`, a reading completed by silence: until this time, an Enter or Tab with nothing before it is the
   * reader's late terminator (a Bluetooth link), kept from the page.
   */
  readonly lateTail?: number;
  /** The code of the key that ended the last reading, until it comes up: its auto-repeats are the reader's too. */
  readonly heldEnd?: string;
  /** The last card read, and when: the same card again within `duplicateWindowMs` is a duplicate. */
  readonly last?: { readonly id: string; readonly t: number };
  /** The character of the last character key: its own `beforeinput` text, when it comes, is no second character. */
  readonly keyText?: string | undefined;
};

export type WedgeStep = {
  readonly state: WedgeState;
  readonly effects: readonly WedgeEffect[];
  /** When the adapter should feed an `idle` record (a burst may end by silence), else `undefined`. */
  readonly wakeAt: number | undefined;
};

export const INITIAL_WEDGE_STATE: WedgeState = { burst: undefined, down: [], altDigits: undefined };

/** Inside a reader's burst, every event of a key is kept from the page. */
function suppressIf(recognized: boolean): WedgeEffect[] {
  return recognized ? [{ kind: 'suppress' }] : [];
}

/**
 * How soon after a reading its line feed (or second Enter) must come to be the reader's: a reader sends CR+LF back
 * to back, while a clerk's Enter that confirms the card on screen comes later (after the look-up). Longer windows
 * swallowed that Enter when the look-up was quick.
 */
export const LINE_FEED_MS = 40;

/** How long a reader's recognized burst waits for its terminator (a slow Bluetooth link delivers it late). */
export const LATE_TERMINATOR_MS = 1000;

/** Silence that ends a burst; a recognized one waits longer when only its terminator (or nothing) comes next. */
function silenceLimit(options: ResolvedWedgeOptions, burst?: Burst, waitsForTerminator = true): number {
  if (options.terminator === 'none') return options.idleTimeoutMs;
  if (options.terminator === 'auto') {
    if (!waitsForTerminator) return options.maxInterKeyMs;
    return burst?.extended === true ? LATE_TERMINATOR_MS : options.idleTimeoutMs;
  }
  // Only a burst long enough to be a reading waits: a short one is typing, given back at once.
  const reading = burst?.recognized === true && burst.chars.length >= options.minLength;
  return reading && waitsForTerminator ? LATE_TERMINATOR_MS : options.maxInterKeyMs;
}

function lastT(burst: Burst): number {
  return burst.chars[burst.chars.length - 1]?.t ?? -Infinity;
}

/** Ends the current burst (if any) and returns the evaluation's effects. */
function endBurst(state: WedgeState, end: BurstEnd, options: ResolvedWedgeOptions) {
  if (state.burst === undefined) return { state, effects: [] as WedgeEffect[], suppressEnd: false };
  const evaluation = evaluateBurst(state.burst, end, options);
  return {
    state: { ...state, burst: undefined, control: undefined },
    effects: evaluation.effects,
    suppressEnd: evaluation.suppressEnd,
  };
}

/** A key that is no character ends the burst as interrupted. */
function interrupt(state: WedgeState, down: readonly string[], options: ResolvedWedgeOptions) {
  const ended = endBurst(state, { kind: 'interrupted' }, options);
  return { state: { ...ended.state, down }, effects: ended.effects };
}

/**
 * Terminator `'auto'`: a burst that went silent as a valid card ID which more characters could turn into another
 * (`AM` + 8 digits) waits up to `LATE_TERMINATOR_MS` for its terminator (or more silence) before it is complete.
 */
function mayGrow(burst: Burst, control: boolean, options: ResolvedWedgeOptions): boolean {
  // A control character (ETX, an F-key) after the ID marks its end.
  if (control || !burst.recognized || burst.chars.length < options.minLength) return false;
  const scan = evaluateBurst(
    burst,
    { kind: 'complete', t: lastT(burst), silent: true },
    options,
  ).effects.find((e) => e.kind === 'scan');
  return scan?.kind === 'scan' && couldGrow(scan.scan.id, options);
}

/** The burst ended by silence before `t`? Then settle it first. */
function settleSilence(state: WedgeState, t: number, options: ResolvedWedgeOptions, terminates: boolean) {
  if (state.pending !== undefined) {
    const released = releaseOnSilence(state.pending, t);
    if (released !== undefined) return { state: { ...state, pending: undefined }, effects: released };
  }
  const burst = state.burst;
  if (burst === undefined || t - lastT(burst) <= silenceLimit(options, burst, terminates))
    return { state, effects: [] as WedgeEffect[] };
  const auto = options.terminator === 'auto';
  if (auto && terminates && burst.extended !== true && t - lastT(burst) <= LATE_TERMINATOR_MS) {
    const grows = mayGrow(burst, state.control === true, options);
    if (grows)
      return { state: { ...state, burst: { ...burst, extended: true } }, effects: [] as WedgeEffect[] };
  }
  // With 'auto', a character after a pause ends a burst that could still grow into another card as paused (refused);
  // any other, or after LATE_TERMINATOR_MS, silence had ended it.
  const paused =
    auto &&
    !terminates &&
    t - lastT(burst) <= LATE_TERMINATOR_MS &&
    mayGrow(burst, state.control === true, options);
  const silent = options.terminator === 'none' || (auto && !paused);
  const end: BurstEnd = silent
    ? { kind: 'complete', t: lastT(burst), silent: true }
    : auto
      ? { kind: 'pause', t: lastT(burst) }
      : { kind: 'gap' };
  const ended = endBurst(state, end, options);
  // A reading that ended by silence may still get its terminator late: an Enter/Tab soon after is the reader's.
  const read = auto && ended.effects.some((e) => e.kind === 'scan');
  const lateTail = read ? lastT(burst) + LATE_TERMINATOR_MS : ended.state.lateTail;
  return { state: { ...ended.state, lateTail }, effects: ended.effects };
}

function wakeAt(state: WedgeState, options: ResolvedWedgeOptions): number | undefined {
  if (state.pending !== undefined) return state.pending.t + PENDING_HOLD_MS + 1;
  const burst = state.burst;
  if (burst === undefined || (!burst.recognized && options.terminator !== 'none')) return undefined;
  return lastT(burst) + silenceLimit(options, burst) + 1;
}

function onKeyDown(
  state: WedgeState,
  record: WedgeKeyRecord,
  options: ResolvedWedgeOptions,
): {
  state: WedgeState;
  effects: readonly WedgeEffect[];
} {
  if (record.repeat === true && record.code !== '' && record.code === state.heldEnd) {
    // The key that ended the reading, still held: the host repeats it (a reader slow to release it, a lagging link).
    return { state, effects: suppressIf(true) };
  }
  if (state.pending !== undefined) {
    const rest = onKeyDown({ ...state, pending: undefined }, record, options);
    return { state: rest.state, effects: [...refuseOnKeyDown(), ...rest.effects] };
  }
  const t = record.timeStamp;
  const down = state.down.includes(record.code) ? state.down : [...state.down, record.code];
  const recognizedBefore = state.burst?.recognized === true;
  if (isModifier(record)) {
    const altDigits = record.key === 'Alt' ? '' : state.altDigits;
    return { state: { ...state, down, altDigits }, effects: [] as WedgeEffect[] };
  }
  if (state.lateTail !== undefined) {
    const late = state.burst === undefined && t <= state.lateTail && matchesTerminator(record, 'auto');
    const cleared = { ...state, down, lateTail: undefined };
    // A reading ended by silence, then its terminator late (nothing in between): the reader's, kept from the page.
    if (late) return { state: cleared, effects: suppressIf(true) };
    return onKeyDown(cleared, record, options);
  }
  if (
    state.burst === undefined &&
    t - (state.tail ?? -Infinity) >= 0 &&
    t - (state.tail ?? -Infinity) <= Math.min(options.maxInterKeyMs, LINE_FEED_MS) &&
    (isControlChar(record) || record.key === 'Enter')
  ) {
    // CR+LF: the line feed (Ctrl+J, or a second Enter) right after a reading is the reader's, not the page's.
    return { state: { ...state, down }, effects: suppressIf(true) };
  }
  const digit = numpadDigit(record.code);
  if (
    record.altKey === true &&
    state.altDigits !== undefined &&
    digit !== undefined &&
    record.ctrlKey !== true
  ) {
    const altDown = [...(state.altDown ?? []), record.code];
    return {
      state: { ...state, down, altDigits: state.altDigits + digit, altDown },
      effects: suppressIf(recognizedBefore),
    };
  }
  const doubled = doubledKey(state, record, options);
  if (doubled === 'held') {
    // A held key (a person; the first repeat comes 250 ms or more after the press): not a reading.
    return interrupt(state, down, options);
  }
  const terminates = matchesTerminator(record, options.terminator);
  const other = terminates ? undefined : otherTerminatorName(record, options.terminator);
  if (terminates || other !== undefined) {
    // With terminator 'none', an Enter or Tab the reader sends anyway completes the reading like a terminator, and
    // its scan too waits for that key's keyup, so that a person's key still held then refuses it.
    const completes = other === undefined || options.terminator === 'none';
    const end: BurstEnd = completes
      ? { kind: 'complete', t }
      : { kind: 'other-terminator', t, received: other };
    const chars = state.burst?.chars ?? [];
    const ended = endBurst(state, end, options);
    const pending = completes ? holdScan(ended.effects, chars, record) : undefined;
    const reported = pending === undefined ? ended.effects : ended.effects.filter((e) => e.kind !== 'scan');
    const effects = ended.suppressEnd ? [...reported, { kind: 'suppress' } as const] : reported;
    const heldEnd = ended.suppressEnd ? record.code : undefined;
    return { state: { ...ended.state, down, pending, heldEnd }, effects };
  }
  const resolved = resolveKey(record, options.layout);
  if (resolved.kind === 'none') {
    // A control character (STX/ETX as Ctrl+letter, an F-key) a reader sends around the ID is no character.
    if (recognizedBefore && isControlChar(record))
      return { state: { ...state, down, control: true }, effects: suppressIf(true) };
    return interrupt(state, down, options);
  }
  if (doubled === 'twice') {
    return { state: { ...state, down }, effects: suppressIf(recognizedBefore) };
  }
  // A character after a control character: that was a shortcut inside the burst, which it ends.
  const base =
    state.control === true ? interrupt(state, down, options) : { state: { ...state, down }, effects: [] };
  const char = charFromKey(record, resolved);
  const added = addChar(
    // Its `beforeinput` carries what the computer's layout typed: `key`.
    { ...base.state, keyText: Array.from(record.key).length === 1 ? record.key : char.readings[0] },
    doubled === 'char' ? { ...char, repeat: true } : char,
    options,
    record.hostField === true,
  );
  return { state: added.state, effects: [...base.effects, ...added.effects] };
}

function onKeyUp(
  state: WedgeState,
  record: WedgeKeyRecord,
  options: ResolvedWedgeOptions,
): { state: WedgeState; effects: readonly WedgeEffect[] } {
  if (state.pending !== undefined) {
    const ofAltCode = state.altDown?.includes(record.code) === true;
    const released = ofAltCode
      ? { pending: state.pending, effects: [] }
      : releaseOnKeyUp(state.pending, record);
    const rest = onKeyUp({ ...state, pending: undefined }, record, options);
    return {
      state: { ...rest.state, pending: released.pending },
      effects: [...released.effects, ...rest.effects],
    };
  }
  if (state.heldEnd !== undefined && record.code === state.heldEnd) {
    return onKeyUp({ ...state, heldEnd: undefined }, record, options);
  }
  const down = state.down.filter((c) => c !== record.code);
  const suppress = suppressIf(state.burst?.recognized === true);
  if (record.key === 'Alt' && state.altDigits !== undefined && state.altDigits !== '') {
    // A numpad key of the code still held when Alt is released is not the reader's (it releases its keys first).
    const char = (state.altDown?.length ?? 0) > 0 ? '\uFFFD' : altCodeChar(state.altDigits);
    return addChar(
      { ...state, down, altDigits: undefined, keyText: char },
      { t: record.timeStamp, code: 'Alt', readings: [char], up: record.timeStamp },
      options,
      record.hostField === true,
    );
  }
  const altDigits = record.key === 'Alt' ? undefined : state.altDigits;
  const altIndex = state.altDown?.indexOf(record.code) ?? -1;
  if (altIndex >= 0) {
    const altDown = state.altDown?.filter((_, i) => i !== altIndex);
    return { state: { ...state, down, altDigits, altDown }, effects: suppress };
  }
  return {
    state: { ...state, burst: markReleased(state.burst, record), down, altDigits },
    effects: suppress,
  };
}

function markReleased(burst: Burst | undefined, record: WedgeKeyRecord): Burst | undefined {
  return burst === undefined
    ? burst
    : { ...burst, chars: releaseChar(burst.chars, record.code, record.timeStamp) };
}

/** True while a key of the burst (`Unidentified`, `Process`) waits for its text. */
function waitsForText(state: WedgeState): boolean {
  return state.burst?.chars.some((c) => c.readings.length === 0) === true;
}

/**
 * Text from `beforeinput`. It fills a key that came without one (`Unidentified`); text with no key of its own (a reader
 * on a tablet that only inserts text) is read character by character, a line break or tab as its terminator.
 */
function onInputText(state: WedgeState, record: WedgeTextRecord, options: ResolvedWedgeOptions) {
  if (state.keyText !== undefined && state.keyText.toLowerCase() === record.text.toLowerCase()) {
    return { state: { ...state, keyText: undefined }, effects: [] as WedgeEffect[] };
  }
  const burst = state.burst;
  if (burst !== undefined && waitsForText(state)) {
    const filled = fillUnidentified(burst.chars, record.text);
    return {
      state: { ...state, burst: { ...burst, chars: filled.chars } },
      effects: suppressIf(burst.recognized),
    };
  }
  let next: { state: WedgeState; effects: readonly WedgeEffect[] } = { state, effects: [] };
  for (const c of Array.from(record.text)) {
    if (c < ' ') {
      // A line break or tab inserted without a key: the reading's terminator (with `'auto'` or `'none'`).
      if (options.terminator !== 'auto' && options.terminator !== 'none') continue;
      const ended = endBurst(next.state, { kind: 'complete', t: record.timeStamp }, options);
      next = { state: ended.state, effects: [...next.effects, ...ended.effects] };
    } else {
      const added = addChar(
        next.state,
        { t: record.timeStamp, code: '', readings: [c] },
        options,
        record.hostField,
      );
      next = { state: added.state, effects: [...next.effects, ...added.effects] };
    }
  }
  // One event, cancelled once (the adapter counts what it kept from the field by event).
  const effects = next.effects.filter((e) => e.kind !== 'suppress');
  const suppress =
    effects.length < next.effects.length || next.effects.some((e) => e.kind === 'scan' || e.kind === 'error');
  return { state: next.state, effects: suppress ? [...effects, { kind: 'suppress' } as const] : effects };
}

/** Marks a scan of the card read last, within `duplicateWindowMs`, as a duplicate. */
function markDuplicates(
  state: WedgeState,
  effects: readonly WedgeEffect[],
  t: number,
  options: ResolvedWedgeOptions,
) {
  let last = state.last;
  const marked = effects.map((e): WedgeEffect => {
    if (e.kind !== 'scan') return e;
    const duplicate =
      options.duplicateWindowMs > 0 && last?.id === e.scan.id && t - last.t <= options.duplicateWindowMs;
    last = { id: e.scan.id, t };
    return { kind: 'scan', scan: { ...e.scan, duplicate } };
  });
  return { last, effects: marked };
}

/**
 * Feeds one record.
 *
 * @example
 * let state = INITIAL_WEDGE_STATE;
 * const options = resolveWedgeOptions({ layout: 'us' });
 * for (const record of records) ({ state } = stepWedge(state, record, options));
 */
export function stepWedge(state: WedgeState, record: WedgeRecord, options: ResolvedWedgeOptions): WedgeStep {
  // Only a keydown (or a paste) can come after a pause: a keyup belongs to a key already counted, and an
  // `input` record is the text of a key already seen, stamped when the text was inserted.
  const ofKey = record.type === 'input' && state.keyText?.toLowerCase() === record.text.toLowerCase();
  const quiet = record.type === 'keyup' || (record.type === 'input' && (waitsForText(state) || ofKey));
  const terminates =
    record.type === 'idle' ||
    (record.type === 'keydown' && matchesTerminator(record, options.terminator)) ||
    (record.type === 'input' && /^[\r\n\t]/.test(record.text));
  const settled = quiet
    ? { state, effects: [] }
    : settleSilence(state, record.timeStamp, options, terminates);
  let next: { state: WedgeState; effects: readonly WedgeEffect[] };
  switch (record.type) {
    case 'keydown':
      // Only the character key itself sets what its text will be.
      next = onKeyDown({ ...settled.state, keyText: undefined }, record, options);
      break;
    case 'keyup':
      next = onKeyUp(settled.state, record, options);
      break;
    case 'input':
      next = onInputText(settled.state, record, options);
      break;
    case 'paste': {
      const ended = endBurst(settled.state, { kind: 'interrupted' }, options);
      next = { state: ended.state, effects: [...ended.effects, ...pasteEffects(record, options)] };
      break;
    }
    default:
      next = { state: settled.state, effects: [] };
  }
  const all = settled.effects.length > 0 ? [...settled.effects, ...next.effects] : next.effects;
  if (!all.some((e) => e.kind === 'scan'))
    return { state: next.state, effects: all, wakeAt: wakeAt(next.state, options) };
  const { last, effects } = markDuplicates(state, all, record.timeStamp, options);
  const after = { ...next.state, tail: record.timeStamp, last };
  return { state: after, effects, wakeAt: wakeAt(after, options) };
}

/**
 * Classifies a whole recorded stream (tests, replays, benchmarks): every effect in order.
 * Add a final `idle` record to settle a burst that ends the stream.
 *
 * @example
 * classifyWedgeStream(records, { terminator: 'Tab' }).filter((e) => e.kind === 'scan');
 */
export function classifyWedgeStream(
  records: Iterable<WedgeRecord>,
  options: WedgeClassifierOptions = {},
): WedgeEffect[] {
  checkWedgeOptions('classifyWedgeStream', options, CLASSIFIER_OPTIONS);
  const resolved = resolveWedgeOptions(options);
  let state = INITIAL_WEDGE_STATE;
  const effects: WedgeEffect[] = [];
  for (const record of records) {
    const step = stepWedge(state, record, resolved);
    state = step.state;
    effects.push(...step.effects);
  }
  return effects;
}
