/**
 * The keyboard-wedge classifier: a pure state machine over recorded events. A record is named as an event
 * (`keyEvent`), which moves the phase (`KEYDOWN`; docs/wedge.md, "States and transitions") and gives the adapter's
 * effects. Timing comes only from `timeStamp`, so a busy page that runs handlers late judges the same.
 */
import {
  addChar,
  doubledKey,
  fillUnidentified,
  releaseChar,
  textOf,
  type Burst,
  type BurstChar,
} from './burst-checks.js';
import {
  contentOf,
  couldGrow,
  evaluateBurst,
  holdScan,
  MIXED,
  PENDING_HOLD_MS,
  pasteEffects,
  releaseOnKeyUp,
  releaseOnSilence,
  type BurstEnd,
} from './evaluate-burst.js';
import * as kinds from './layouts.js';
import type { ResolvedWedgeOptions } from './wedge-options.js';
import type { WedgeEffect, WedgeKeyRecord, WedgeRecord, WedgeTextRecord } from './types.js';
import {
  burstOf,
  grown,
  IDLE,
  isAtRest,
  LATE_TERMINATOR_MS,
  lastT,
  LINE_FEED_MS,
  NONE,
  suppressIn,
  SUPPRESS,
  waitsForText,
  withKeys,
  type Phase,
  type Step,
  type WedgeState,
  type WedgeStep,
} from './wedge-state.js';

export { INITIAL_WEDGE_STATE, isAtRest, LATE_TERMINATOR_MS, LINE_FEED_MS } from './wedge-state.js';
export type { WedgeState, WedgeStep } from './wedge-state.js';

function grow(state: WedgeState, char: BurstChar, options: ResolvedWedgeOptions, host?: boolean): Step {
  const rest: Burst | undefined =
    state.phase.name === 'cut' ? { chars: [], recognized: true, rest: true } : undefined;
  const added = addChar(rest ?? burstOf(state.phase), char, options, host);
  return { state: { ...state, phase: grown(state.phase, added.burst) }, effects: added.effects };
}

function endBurst(state: WedgeState, end: BurstEnd, options: ResolvedWedgeOptions): Step {
  const burst = burstOf(state.phase);
  if (burst === undefined) return { state, effects: NONE };
  return { state: { ...state, phase: IDLE }, effects: evaluateBurst(burst, end, options) };
}

/** How a key that is no character ends the burst. */
const INTERRUPTED: BurstEnd = { kind: 'interrupted' };

/** Silence that ends a burst; a recognized one waits longer when only its terminator (or nothing) comes next. */
function silenceLimit(options: ResolvedWedgeOptions, phase: Phase, waitsForTerminator: boolean): number {
  if (options.terminator === 'none') return options.idleTimeoutMs;
  if (options.terminator === 'auto') {
    if (!waitsForTerminator) return options.maxInterKeyMs;
    return phase.name === 'stalled' ? LATE_TERMINATOR_MS : options.idleTimeoutMs;
  }
  // Only a burst long enough to be a reading waits: a short one is typing, given back at once.
  const burst = burstOf(phase);
  const reading = burst?.recognized === true && burst.chars.length >= options.minLength;
  return reading && waitsForTerminator ? LATE_TERMINATOR_MS : options.maxInterKeyMs;
}

/** Terminator `'auto'`: a silent burst that more characters could make another ID (`AM` + 8 digits) waits. */
function mayGrow(phase: Phase, options: ResolvedWedgeOptions): boolean {
  const burst = burstOf(phase);
  // A control character (ETX, an F-key) after the ID marks its end.
  if (burst === undefined || phase.name === 'framed' || !burst.recognized) return false;
  if (burst.chars.length < options.minLength) return false;
  const end: BurstEnd = { kind: 'complete', t: lastT(burst), silent: true };
  const verdict = evaluateBurst(burst, end, options).find((e) => e.kind === 'scan' || e.kind === 'error');
  if (verdict?.kind === 'scan') return couldGrow(verdict.scan.id, options);
  return (
    verdict?.kind === 'error' &&
    verdict.error.code === 'not-a-card-id' &&
    couldGrow(textOf(contentOf(burst, options)), options)
  );
}

/**
 * The silence before a record at `t` (`terminates`: it may be the terminator). A burst quiet past its limit ends:
 * `stalled` when it may grow and its terminator comes, `pause` when a character comes, else complete or `gap`.
 */
function settle(state: WedgeState, t: number, options: ResolvedWedgeOptions, terminates: boolean): Step {
  const { phase } = state;
  if (phase.name === 'releasing') {
    const released = releaseOnSilence(phase.pending, t);
    return released === undefined
      ? { state, effects: NONE }
      : { state: { ...state, phase: IDLE }, effects: released };
  }
  const burst = burstOf(phase);
  if (burst === undefined || t - lastT(burst) <= silenceLimit(options, phase, terminates))
    return { state, effects: NONE };
  const auto = options.terminator === 'auto';
  const withinLate = t - lastT(burst) <= LATE_TERMINATOR_MS;
  if (auto && terminates && phase.name !== 'stalled' && withinLate && mayGrow(phase, options))
    return { state: { ...state, phase: { name: 'stalled', burst } }, effects: NONE };
  const paused = options.terminator !== 'none' && !terminates && withinLate && mayGrow(phase, options);
  const end: BurstEnd = paused
    ? { kind: 'pause', t: lastT(burst) }
    : options.terminator === 'none' || auto
      ? { kind: 'complete', t: lastT(burst), silent: true }
      : { kind: 'gap' };
  const ended = endBurst(state, end, options);
  // A stall: what comes next is the rest of the reading just refused.
  if (ended.effects.some((e) => e.kind === 'error' && e.error.code === 'reading-interrupted'))
    return { state: { ...ended.state, phase: { name: 'cut' } }, effects: ended.effects };
  // A reading that ended by silence may still get its terminator late: an Enter/Tab soon after is the reader's.
  if (!auto || !ended.effects.some((e) => e.kind === 'scan')) return ended;
  const lateUntil = lastT(burst) + LATE_TERMINATOR_MS;
  return { state: { ...ended.state, phase: { name: 'ended', t, lateUntil } }, effects: ended.effects };
}

function wakeAt(state: WedgeState, options: ResolvedWedgeOptions): number | undefined {
  const { phase } = state;
  if (phase.name === 'releasing') return phase.pending.t + PENDING_HOLD_MS + 1;
  const burst = burstOf(phase);
  if (burst === undefined || (!burst.recognized && options.terminator !== 'none')) return undefined;
  return lastT(burst) + silenceLimit(options, phase, true) + 1;
}

/** What a keydown is: the events of the transition table (docs/wedge.md), asked in this order. */
type KeyEvent =
  | { readonly kind: 'end-repeat' | 'modifier' | 'tail' | 'held' | 'control' | 'key' | 'twice' }
  | { readonly kind: 'alt-digit'; readonly digit: string }
  /** `other`: an Enter/Tab that is not the configured terminator. */
  | { readonly kind: 'terminator'; readonly other: string | undefined }
  | { readonly kind: 'char'; readonly char: BurstChar };

function isTail(phase: Phase, record: WedgeKeyRecord, options: ResolvedWedgeOptions): boolean {
  if (phase.name !== 'ended') return false;
  const t = record.timeStamp;
  if (phase.lateUntil !== undefined && t <= phase.lateUntil && kinds.matchesTerminator(record, 'auto'))
    return true;
  const lineFeed = t - phase.t >= 0 && t - phase.t <= Math.min(options.maxInterKeyMs, LINE_FEED_MS);
  return lineFeed && (kinds.isControlChar(record) || record.key === 'Enter');
}

function keyEvent(state: WedgeState, record: WedgeKeyRecord, options: ResolvedWedgeOptions): KeyEvent {
  const { keys, phase } = state;
  if (record.repeat === true && record.code !== '' && record.code === keys.heldEnd)
    return { kind: 'end-repeat' };
  if (kinds.isModifier(record)) return { kind: 'modifier' };
  if (isTail(phase, record, options)) return { kind: 'tail' };
  const digit = kinds.numpadDigit(record.code);
  if (record.altKey === true && keys.alt !== undefined && digit !== undefined && record.ctrlKey !== true)
    return { kind: 'alt-digit', digit };
  const doubled = doubledKey(burstOf(phase), keys.down, record, options);
  if (doubled === 'held') return { kind: 'held' };
  const other = kinds.otherTerminatorName(record, options.terminator);
  if (other !== undefined || kinds.matchesTerminator(record, options.terminator))
    return { kind: 'terminator', other };
  const char = kinds.readKey(record, options.layout);
  if (char === undefined) return { kind: kinds.isControlChar(record) ? 'control' : 'key' };
  if (doubled === 'twice') return { kind: 'twice' };
  return { kind: 'char', char: doubled === 'char' ? { ...char, repeat: true } : char };
}

type Transitions = {
  readonly [K in KeyEvent['kind']]: (
    state: WedgeState,
    event: Extract<KeyEvent, { kind: K }>,
    record: WedgeKeyRecord,
    options: ResolvedWedgeOptions,
  ) => Step;
};

/** The keydown transitions, by event (the `releasing` phase is left first: see `onKeyDown`). */
const KEYDOWN: Transitions = {
  'end-repeat': (state) => ({ state, effects: SUPPRESS }),
  modifier: (state, _, record) => ({
    state: withKeys(state, { alt: record.key === 'Alt' ? '' : state.keys.alt }),
    effects: NONE,
  }),
  // A reading's late terminator or its line feed: the reader's, kept from the page.
  tail: (state) => ({ state, effects: SUPPRESS }),
  'alt-digit': (state, { digit }, record) => ({
    state: withKeys(state, {
      alt: `${state.keys.alt ?? ''}${digit}`,
      altDown: [...state.keys.altDown, record.code],
    }),
    effects: suppressIn(state.phase),
  }),
  held: (state, _, __, options) => endBurst(state, INTERRUPTED, options),
  terminator: (state, { other }, record, options) => {
    // With terminator 'none', an Enter or Tab sent anyway completes the reading (its scan waits for the keyup too).
    const completes = other === undefined || options.terminator === 'none';
    const t = record.timeStamp;
    const end: BurstEnd = completes
      ? { kind: 'complete', t }
      : { kind: 'other-terminator', t, received: other };
    const burst = burstOf(state.phase);
    const ended = endBurst(state, end, options);
    // The terminator is the reader's when the burst has a verdict, or is a refused reading's rest giving nothing back.
    const kept =
      ended.effects.some((e) => e.kind === 'scan' || e.kind === 'error') ||
      (burst?.rest === true && !ended.effects.some((e) => e.kind === 'release'));
    const pending = completes ? holdScan(ended.effects, burst?.chars ?? [], record) : undefined;
    const reported = pending === undefined ? ended.effects : ended.effects.filter((e) => e.kind !== 'scan');
    const heldEnd = kept ? record.code : undefined;
    // A terminator kept from the page: the reader's line feed after it is kept too, whatever the verdict.
    const phase: Phase =
      pending !== undefined
        ? { name: 'releasing', pending }
        : kept
          ? { name: 'ended', t, lateUntil: undefined }
          : ended.state.phase;
    return {
      state: { ...withKeys(ended.state, { heldEnd }), phase },
      effects: kept ? [...reported, ...SUPPRESS] : reported,
    };
  },
  // A control character a reader sends around the ID is no character; after it only the terminator may follow.
  control: (state, _, __, options) => {
    const burst = burstOf(state.phase);
    if (burst?.recognized !== true) return endBurst(state, INTERRUPTED, options);
    return { state: { ...state, phase: { name: 'framed', burst } }, effects: SUPPRESS };
  },
  key: (state, _, __, options) => endBurst(state, INTERRUPTED, options),
  twice: (state) => ({ state, effects: suppressIn(state.phase) }),
  char: (state, { char }, record, options) => {
    // A character after a control character: that was a shortcut inside the burst, which it ends.
    const base =
      state.phase.name === 'framed' ? endBurst(state, INTERRUPTED, options) : { state, effects: NONE };
    // Its `beforeinput` carries what the computer's layout typed: `key`.
    const text = Array.from(record.key).length === 1 ? record.key : char.readings[0];
    const added = grow(withKeys(base.state, { text }), char, options, record.hostField === true);
    return { state: added.state, effects: [...base.effects, ...added.effects] };
  },
};

function onKeyDown(state: WedgeState, record: WedgeKeyRecord, options: ResolvedWedgeOptions): Step {
  const event = keyEvent(state, record, options);
  if (state.phase.name === 'releasing' && event.kind !== 'end-repeat') {
    // A key pressed while the terminator is down: a person's key mixed into the reading.
    const rest = onKeyDown({ ...state, phase: IDLE }, record, options);
    return { state: rest.state, effects: [MIXED, ...rest.effects] };
  }
  const down = state.keys.down.includes(record.code) ? state.keys.down : [...state.keys.down, record.code];
  const next = KEYDOWN[event.kind](withKeys(state, { down }), event as never, record, options);
  // `ended` lasts until another reading starts (its windows are short); a late terminator waits for the next key only.
  const { phase } = next.state;
  if (phase.name !== 'ended' || phase.lateUntil === undefined) return next;
  if (event.kind === 'modifier' || event.kind === 'end-repeat') return next;
  return { ...next, state: { ...next.state, phase: { ...phase, lateUntil: undefined } } };
}

function onKeyUp(state: WedgeState, record: WedgeKeyRecord, options: ResolvedWedgeOptions): Step {
  const { phase, keys } = state;
  if (phase.name === 'releasing') {
    const released = keys.altDown.includes(record.code)
      ? { pending: phase.pending, effects: NONE }
      : releaseOnKeyUp(phase.pending, record);
    const rest = onKeyUp({ ...state, phase: IDLE }, record, options);
    const next: Phase =
      released.pending === undefined ? rest.state.phase : { name: 'releasing', pending: released.pending };
    return { state: { ...rest.state, phase: next }, effects: [...released.effects, ...rest.effects] };
  }
  const heldEnd = record.code === keys.heldEnd ? undefined : keys.heldEnd;
  const down = keys.down.filter((c) => c !== record.code);
  const t = record.timeStamp;
  if (record.key === 'Alt' && keys.alt !== undefined && keys.alt !== '') {
    // A numpad key of the code still held when Alt is released is not the reader's (it releases its keys first).
    const char = keys.altDown.length > 0 ? '\uFFFD' : kinds.altCodeChar(keys.alt);
    const next = withKeys(state, { down, heldEnd, alt: undefined, text: char });
    return grow(next, { t, code: 'Alt', readings: [char], up: t }, options, record.hostField === true);
  }
  const alt = record.key === 'Alt' ? undefined : keys.alt;
  const effects = suppressIn(phase);
  const altIndex = keys.altDown.indexOf(record.code);
  if (altIndex >= 0) {
    const altDown = keys.altDown.filter((_, i) => i !== altIndex);
    return { state: withKeys(state, { down, heldEnd, alt, altDown }), effects };
  }
  const burst = burstOf(phase);
  const released: Phase =
    burst === undefined ? phase : grown(phase, { ...burst, chars: releaseChar(burst.chars, record.code, t) });
  return { state: { ...withKeys(state, { down, heldEnd, alt }), phase: released }, effects };
}

/** Text from `beforeinput`: fills an `Unidentified` key's, or is read char by char (a line break ends it). */
function onInputText(state: WedgeState, record: WedgeTextRecord, options: ResolvedWedgeOptions): Step {
  const { phase } = state;
  const burst = burstOf(phase);
  if (burst !== undefined && waitsForText(phase)) {
    const chars = fillUnidentified(burst.chars, record.text);
    return { state: { ...state, phase: grown(phase, { ...burst, chars }) }, effects: suppressIn(phase) };
  }
  // Text during a waiting scan: the scan's outcome is decided now.
  const released = phase.name === 'releasing' ? (releaseOnSilence(phase.pending, Infinity) ?? NONE) : NONE;
  let next: Step = { state: released.length > 0 ? { ...state, phase: IDLE } : state, effects: released };
  for (const c of Array.from(record.text)) {
    // A line break or tab inserted without a key: the reading's terminator (with `'auto'` or `'none'`).
    if (c < ' ' && options.terminator !== 'auto' && options.terminator !== 'none') continue;
    const step =
      c < ' '
        ? endBurst(next.state, { kind: 'complete', t: record.timeStamp }, options)
        : grow(next.state, { t: record.timeStamp, code: '', readings: [c] }, options, record.hostField);
    next = { state: step.state, effects: [...next.effects, ...step.effects] };
  }
  // One event, cancelled once (the adapter counts what it kept from the field by event).
  const effects = next.effects.filter((e) => e.kind !== 'suppress');
  const suppress =
    effects.length < next.effects.length || next.effects.some((e) => e.kind === 'scan' || e.kind === 'error');
  return { state: next.state, effects: suppress ? [...effects, ...SUPPRESS] : effects };
}

/** Feeds one record. */
export function stepWedge(state: WedgeState, record: WedgeRecord, options: ResolvedWedgeOptions): WedgeStep {
  // The text of the last character key (its `beforeinput`) is no second character.
  if (record.type === 'input' && state.keys.text?.toLowerCase() === record.text.toLowerCase())
    return { state: withKeys(state, { text: undefined }), effects: NONE, wakeAt: wakeAt(state, options) };
  // Only a keydown or paste comes after a pause: a keyup or a key's `input` belongs to a key already counted.
  const quiet = record.type === 'keyup' || (record.type === 'input' && waitsForText(state.phase));
  const terminates =
    record.type === 'idle' ||
    (record.type === 'keydown' && kinds.matchesTerminator(record, options.terminator)) ||
    (record.type === 'input' && /^[\r\n\t]/.test(record.text));
  const settled = quiet ? { state, effects: NONE } : settle(state, record.timeStamp, options, terminates);
  let next: Step;
  switch (record.type) {
    case 'keydown':
      // Only the character key itself sets what its text will be.
      next = onKeyDown(withKeys(settled.state, { text: undefined }), record, options);
      break;
    case 'keyup':
      next = onKeyUp(settled.state, record, options);
      break;
    case 'input':
      next = onInputText(settled.state, record, options);
      break;
    case 'paste': {
      const ended = endBurst(settled.state, INTERRUPTED, options);
      next = { state: ended.state, effects: [...ended.effects, ...pasteEffects(record, options)] };
      break;
    }
    default:
      next = { state: settled.state, effects: NONE };
  }
  const all = settled.effects.length > 0 ? [...settled.effects, ...next.effects] : next.effects;
  if (!all.some((e) => e.kind === 'scan' || e.kind === 'error'))
    return { state: next.state, effects: all, wakeAt: wakeAt(next.state, options) };
  // A scan of the card read last, within `duplicateWindowMs`, is a duplicate.
  let last = state.last;
  const t = record.timeStamp;
  const effects = all.map((e): WedgeEffect => {
    if (e.kind !== 'scan') return e;
    const duplicate =
      options.duplicateWindowMs > 0 && last?.id === e.scan.id && t - last.t <= options.duplicateWindowMs;
    last = { id: e.scan.id, t };
    return { kind: 'scan', scan: { ...e.scan, duplicate } };
  });
  const { phase } = next.state;
  const lateUntil = phase.name === 'ended' ? phase.lateUntil : undefined;
  const ended: Phase = isAtRest(next.state) ? { name: 'ended', t, lateUntil } : phase;
  const after: WedgeState = { ...next.state, phase: ended, last };
  return { state: after, effects, wakeAt: wakeAt(after, options) };
}
