/**
 * `createWedgeListener`: capture-phase listeners that carry out the classifier's effects, never delaying one (a key is
 * suppressed only once its burst is a reader's). A card read before the engine (`wedge-engine.ts`, a chunk of its own
 * like calibration) has loaded is taken back out of its field, but its terminator has reached the page.
 */
import type { WedgeState } from './classify-wedge.js';
import type * as WedgeEngineModule from './wedge-engine.js';
import {
  createCaptureField,
  giveBack,
  hostFieldOf,
  isEditable,
  isPasswordField,
  recordKey,
  recordText,
  retract,
  snapshotField,
  textFieldOf,
  type CaptureField,
  type FieldSnapshot,
} from './field-edit.js';
import type { CalibrationResult, CalibrationSession, startCalibration } from './calibrate-wedge.js';
import { KaikuError, callHost } from '../../errors/kaiku-error.js';
import {
  CLASSIFIER_OPTIONS,
  checkWedgeOptions,
  resolveWedgeOptions,
  type ResolvedWedgeOptions,
} from './wedge-options.js';
import { checkOptions, optionKeys } from '../../errors/options-error.js';
import { reasonFactory } from '../../messages/define.js';
import { wedgeLoadMessages } from '../../messages/wedge-load.js';
import type {
  WedgeClassifierOptions,
  WedgeEffect,
  WedgeFailure,
  WedgeProfile,
  WedgeRecord,
  WedgeScan,
} from './types.js';

/**
 * Options of `createWedgeListener`: the classifier's options (layout, terminator, timing, a stored `profile`), the
 * `target` to listen on, `onScan` and `onError`, and an `AbortSignal`. An unknown option throws `OptionsError`.
 */
export type WedgeListenerOptions = WedgeClassifierOptions & {
  /** Where to listen: `document` (default, focus anywhere), `window`, or an element (focus inside it). */
  readonly target?: EventTarget;
  /** A card was read. The scan carries the card ID: the SDK never logs it. */
  readonly onScan: (scan: WedgeScan) => void;
  /** A reader's burst was refused (stable `code`, `message` in fi/sv/en). */
  readonly onError?: (error: WedgeFailure) => void;
  /** Take a reader's characters out of a focused text field (and keep its Enter from submitting). Default true. */
  readonly clearInput?: boolean;
  /**
   * The page's own text fields (not card fields): `'take-cards'` (default) takes a card read there and leaves the rest
   * (product barcodes, typing, its Enter) to the page; `'leave'` never reads there. Passwords are never read.
   */
  readonly hostInputs?: 'take-cards' | 'leave';
  /**
   * Card fields, where everything a reader types is the listener's, e.g. `(field) => field.matches('.card-id')`;
   * `data-kaiku-card-input` fields and fields inside an element `target` are anyway.
   */
  readonly cardInputs?: (field: Element) => boolean;
  /**
   * `Unidentified` keys (Android, iPad, an IME) bring text only into an editable element: with none focused, a hidden
   * field of the listener's takes focus for the reading, then gives it back. Default true.
   */
  readonly captureUnidentified?: boolean;
  /** Stops the listener when aborted. */
  readonly signal?: AbortSignal;
};

/** Options of `WedgeListener.calibrate()`: the card's printed ID (settles ambiguous layouts) and a timeout. */
export type WedgeCalibrateOptions = {
  readonly expectedId?: string;
  /** Give up after this long without a reading. Default 30 000 ms. */
  readonly timeoutMs?: number;
};

const LISTENER_OPTIONS = {
  ...CLASSIFIER_OPTIONS,
  ...optionKeys<Omit<WedgeListenerOptions, keyof WedgeClassifierOptions>>()(
    'target onScan onError clearInput hostInputs cardInputs captureUnidentified signal',
  ),
};

const CALIBRATE_OPTIONS = optionKeys<WedgeCalibrateOptions>()('expectedId timeoutMs');

/**
 * A running wedge listener (`createWedgeListener` returns it): `stop()`, `calibrate()` and the `profile` in use.
 *
 * @example
 * const result = await wedge.calibrate({ expectedId: 'Y110029399' });
 * if (result.ok) localStorage.setItem('kaiku-wedge', JSON.stringify(result.profile));
 * wedge.stop();
 */
export type WedgeListener = {
  /** Removes every listener and timer. Idempotent. */
  stop(): void;
  /**
   * Learns the reader from one reading of any card (keys captured, no scan reported meanwhile) and uses the profile
   * at once; the host may store it and pass it back as `options.profile`. A chunk that cannot load gives
   * `calibration-unavailable`; only an unknown option rejects (`OptionsError`).
   */
  calibrate(options?: WedgeCalibrateOptions): Promise<CalibrationResult>;
  /** The profile in use (defaults, a stored one, or the last calibration's). */
  readonly profile: WedgeProfile;
};

/** The classifier and its texts (`wedge-engine.ts`). */
export type WedgeEngine = typeof WedgeEngineModule;

/** Gives the engine, or a promise of it (an `import()`); called again at the next key after a failed load. */
export type EngineLoader = () => WedgeEngine | Promise<WedgeEngine>;

/** A failure of the listener's own loading, with its texts (which are at hand before anything has loaded). */
const loadFailure = /* @__PURE__ */ reasonFactory(wedgeLoadMessages);

/** An event recorded before the engine had loaded, with what the adapter needs of its event later. */
type Early = { readonly record: WedgeRecord; readonly snapshot: FieldSnapshot | undefined };

/** Gives a promise of calibration's `startCalibration` (an `import()`). */
type CalibrationLoader = () => Promise<typeof startCalibration>;

/** A calibration under way: records wait in `early` until the lazily loaded session takes them. */
type Calibrating = { session?: CalibrationSession; readonly early: WedgeRecord[] };

/** Where the classifier is: the listener's states (docs/wedge.md, "The listener"). */
type EngineState =
  /** Not loaded, or its load failed: the next event loads it. */
  | { readonly name: 'absent' }
  /** Loading: events are recorded (not kept from the page), to be classified in order once it is there. */
  | { readonly name: 'loading'; early: Early[] }
  /** Loaded: every event is classified as it comes. */
  | { readonly name: 'ready'; readonly engine: WedgeEngine; state: WedgeState };
const ABSENT: EngineState = { name: 'absent' };

const EVENTS = ['keydown', 'keyup', 'paste', 'beforeinput'] as const;
const LATE_DELIVERY_GRACE_MS = 250;

/** The document of a target (a document, a window, an element), if it has one (a bare `EventTarget` has not). */
function documentOf(target: EventTarget): Document | undefined {
  const candidate =
    (target as Partial<Node>).ownerDocument ?? (target as Partial<Window>).document ?? (target as Document);
  return typeof (candidate as Partial<Document>).createElement === 'function' ? candidate : undefined;
}

/** The engine once loaded: a listener started later (the element restarts its own) has it at once. */
let loadedEngine: WedgeEngine | undefined;

/**
 * Starts listening for keyboard-wedge readers. Its classifier (the engine) loads on demand, starting now: keys that
 * arrive before it is there are recorded and classified in order once it is.
 *
 * @example
 * const wedge = createWedgeListener({
 *   target: document,
 *   onScan: (scan) => lookUp(scan.id),
 *   onError: (error) => showMessage(error.message.fi),
 * });
 * // later: wedge.stop();
 * @throws KaikuError `wedge-no-target` when there is no target (no `document`, e.g. server-side rendering), and
 * `wedge-invalid-option` for a number it cannot use (`NaN`, a negative time; `params.fields` names them).
 */
export function createWedgeListener(options: WedgeListenerOptions): WedgeListener {
  return listenForWedge(
    options,
    () => import('./calibrate-wedge.js').then((m) => m.startCalibration),
    () => loadedEngine ?? import('./wedge-engine.js').then((m) => (loadedEngine = m)),
  );
}

/** `createWedgeListener` with the engine and calibration from the given loaders (tests hand them over at once). */
export function listenForWedge(
  options: WedgeListenerOptions,
  loadCalibration: () => Promise<typeof startCalibration>,
  loadEngine: EngineLoader,
): WedgeListener {
  return new WedgeListenerImpl(options, loadCalibration, loadEngine);
}

/** The running listener: its state in private fields, its interface `stop`, `calibrate` and `profile`. */
class WedgeListenerImpl implements WedgeListener {
  /** The host's options: its callbacks are read when called. */
  readonly #options: WedgeListenerOptions;
  /** Gives calibration's `startCalibration` (an `import()`). */
  readonly #loadCalibration: CalibrationLoader;
  /** Gives the classifier (an `import()`, or the engine at hand). */
  readonly #loadEngine: EngineLoader;
  /** Where the listeners are. */
  readonly #target: EventTarget;
  /** `clearInput`: a reader's characters are taken out of a focused text field. */
  readonly #clearInput: boolean;
  /** `hostInputs: 'leave'`: the page's own text fields are never read. */
  readonly #leaveHostInputs: boolean;
  /** The hidden field `Unidentified` keys type into, when none is focused. */
  readonly #capture: CaptureField | undefined;
  /** The classifier's options: the start options, or the last calibration's profile over them. */
  #resolved: ResolvedWedgeOptions;
  /** Where the classifier is (absent, loading with early records, ready with its state). */
  #engine = ABSENT;
  /** The silence timer: an idle record for the classifier when the reader stops. */
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** The text field the burst went to, as it was before, and what the burst typed or would have typed there. */
  #edit: { readonly snapshot: FieldSnapshot; taken: string } | undefined;
  /** Calibration mode, while a calibration is under way. */
  #calibration: Calibrating | undefined;
  /** `stop()` was called: nothing is loaded, fed or timed any more. */
  #stopped = false;
  // Silence counts from the last event handled, on the events' clock: late keys keep early stamps, not a pause.
  /** The latest key's `timeStamp`. */
  #lastStamp = 0;
  /** When the latest key was handled (`performance.now()`). */
  #lastHandled = 0;

  constructor(options: WedgeListenerOptions, loadCalibration: CalibrationLoader, loadEngine: EngineLoader) {
    checkWedgeOptions('createWedgeListener', options, LISTENER_OPTIONS);
    const target: EventTarget | undefined = options.target ?? globalThis.document;
    if (target === undefined || typeof target.addEventListener !== 'function') {
      // Server-side rendering or a worker: a programming error, reported like every other SDK failure.
      const { en } = loadFailure('wedge-no-target', {}).message;
      throw new KaikuError('wedge-no-target', en);
    }
    this.#options = options;
    this.#loadCalibration = loadCalibration;
    this.#loadEngine = loadEngine;
    this.#target = target;
    this.#clearInput = options.clearInput ?? true;
    this.#leaveHostInputs = options.hostInputs === 'leave';
    const doc = documentOf(target);
    this.#capture =
      options.captureUnidentified === false || doc === undefined ? undefined : createCaptureField(doc);
    this.#resolved = resolveWedgeOptions(options);
    for (const type of EVENTS) target.addEventListener(type, this.#onEvent, { capture: true });
    this.#load([]);
    options.signal?.addEventListener('abort', this.stop, { once: true });
    if (options.signal?.aborted === true) this.stop();
  }

  // `stop` and `calibrate` are own, bound functions, as before the class: a host may hand them on.
  /** Removes every listener and timer. Idempotent. */
  readonly stop = (): void => {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const type of EVENTS) this.#target.removeEventListener(type, this.#onEvent, { capture: true });
    clearTimeout(this.#timer);
    this.#capture?.restore();
    this.#cancelCalibration();
    this.#engine = ABSENT;
  };

  /** The profile in use (defaults, a stored one, or the last calibration's). */
  get profile(): WedgeProfile {
    const { layout, terminator, prefix, suffix, maxInterKeyMs, maxMedianInterKeyMs } = this.#resolved;
    return { version: 1, layout, terminator, prefix, suffix, maxInterKeyMs, maxMedianInterKeyMs };
  }

  /** Learns the reader from one reading, then uses its profile (`WedgeListener.calibrate`). */
  readonly calibrate = async (calibrateOptions: WedgeCalibrateOptions = {}): Promise<CalibrationResult> => {
    checkOptions('calibrate', calibrateOptions, CALIBRATE_OPTIONS);
    this.#cancelCalibration();
    // A reading under way is dropped, as is one recorded while the engine loads.
    const engine = this.#engine;
    if (engine.name === 'ready') engine.state = engine.engine.INITIAL_WEDGE_STATE;
    else if (engine.name === 'loading') engine.early = [];
    const current: Calibrating = { early: [] };
    this.#calibration = current;
    const deadline = performance.now() + (calibrateOptions.timeoutMs ?? 30_000);
    const { minLength, cardIdOptions, parse } = this.#resolved;
    return this.#loadCalibration().then(
      (startCalibration) =>
        new Promise<CalibrationResult>((resolve, reject) => {
          const session = startCalibration(
            {
              timeoutMs: Math.max(0, deadline - performance.now()),
              expectedId: calibrateOptions.expectedId,
              minLength,
              cardIdOptions,
              parse,
            },
            (result) => {
              if (this.#calibration === current) this.#calibration = undefined;
              // The learned profile wins over the start options; one the check refuses rejects the call.
              try {
                if (result.ok) this.#resolved = resolveWedgeOptions({ ...this.#options, ...result.profile });
                resolve(result);
              } catch (error) {
                reject(error as Error);
              }
            },
          );
          if (this.#calibration !== current) return session.cancel();
          current.session = session;
          for (const record of current.early) session.record(record);
        }),
      (): CalibrationResult => {
        if (this.#calibration === current) this.#calibration = undefined;
        return { ok: false, error: loadFailure('calibration-unavailable', {}) };
      },
    );
  };

  /** Records a page event and hands it to calibration, the classifier, or the queue of early events. */
  readonly #onEvent = (event: Event): void => {
    // A password is never read, not even its timing.
    if (isPasswordField(event)) return;
    const isCardField = (field: Element): boolean =>
      field.hasAttribute('data-kaiku-card-input') || this.#options.cardInputs?.(field) === true;
    const host = hostFieldOf(event, isCardField, this.#target);
    // The page's own field: read there only where a card can be taken back out (text fields), and if the page lets us.
    if (host !== undefined && (this.#leaveHostInputs || textFieldOf(event) === undefined)) return;
    const recorded = event.type.startsWith('key') ? recordKey(event as KeyboardEvent) : recordText(event);
    if (recorded === undefined) return;
    const record: WedgeRecord = host === undefined ? recorded : { ...recorded, hostField: true };
    const capture = this.#capture;
    if (
      capture !== undefined &&
      record.type === 'keydown' &&
      (record.key === 'Unidentified' || record.key === 'Process') &&
      !isEditable(event)
    ) {
      // Its text would go nowhere: give it a field of ours to go to.
      capture.take();
    }
    const calibration = this.#calibration;
    if (calibration !== undefined) {
      if (record.type === 'keydown' || record.type === 'paste') event.preventDefault();
      if (calibration.session === undefined) calibration.early.push(record);
      else calibration.session.record(record);
      return;
    }
    const engine = this.#engine;
    if (engine.name === 'ready') return this.#feed(engine, record, event);
    // Not loaded yet: the event goes its way; the field's state before it is kept for a `retract`.
    const field = this.#clearInput ? textFieldOf(event) : undefined;
    const early = { record, snapshot: field === undefined ? undefined : snapshotField(field) };
    if (engine.name === 'loading') engine.early.push(early);
    else this.#load([early]);
  };

  /** Loads the engine, then classifies `early`; a failed load is reported, and tried again at the next event. */
  #load(early: Early[]): void {
    if (this.#stopped) return;
    let got: WedgeEngine | Promise<WedgeEngine>;
    try {
      got = this.#loadEngine();
    } catch (error) {
      got = Promise.reject(error as Error);
    }
    if (!(got instanceof Promise)) return this.#start(got, early);
    const loading: EngineState = { name: 'loading', early };
    this.#engine = loading;
    got.then(
      (loaded) => {
        if (this.#engine === loading) this.#start(loaded, loading.early);
      },
      () => {
        if (this.#engine !== loading) return;
        // What was recorded meanwhile cannot be read: the clerk is told to read the card again.
        this.#engine = ABSENT;
        callHost(this.#options.onError, loadFailure('wedge-unavailable', {}));
      },
    );
  }

  /** Makes the loaded engine the classifier and classifies what was recorded while it loaded. */
  #start(loaded: WedgeEngine, early: readonly Early[]): void {
    const ready = { name: 'ready', engine: loaded, state: loaded.INITIAL_WEDGE_STATE } as const;
    this.#engine = ready;
    for (const item of early) this.#feed(ready, item.record, undefined, item);
  }

  /** Classifies a record, carries out its effects, and sets the silence timer the classifier asks for. */
  #feed(ready: EngineState & { name: 'ready' }, record: WedgeRecord, event?: Event, early?: Early): void {
    if (record.type === 'keydown' || record.type === 'keyup') {
      this.#lastStamp = Math.max(this.#lastStamp, record.timeStamp);
      this.#lastHandled = performance.now();
    }
    const step = ready.engine.stepWedge(ready.state, record, this.#resolved);
    ready.state = step.state;
    for (const effect of step.effects) this.#apply(effect, event, early);
    const capture = this.#capture;
    // The reading is over: focus goes back where it was before the capture field took it.
    if (capture?.active === true && ready.engine.isAtRest(step.state)) capture.restore();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (step.wakeAt !== undefined && !this.#stopped) {
      // With a terminator, silence is not urgent (give back, or report it missing): late deliveries get slack.
      const grace = this.#resolved.terminator === 'none' ? 0 : LATE_DELIVERY_GRACE_MS;
      const delay = Math.max(0, step.wakeAt - this.#lastStamp) + grace;
      this.#timer = setTimeout(() => {
        const silence = Math.max(0, performance.now() - this.#lastHandled - grace);
        this.#feed(ready, { type: 'idle', timeStamp: this.#lastStamp + silence });
      }, delay);
    }
  }

  /** Carries out an effect; `early`: an event recorded before the engine loaded (`retract` takes its text back). */
  #apply(effect: WedgeEffect, event: Event | undefined, early?: Early): void {
    const edit = this.#edit;
    switch (effect.kind) {
      case 'burst-start': {
        const field = this.#clearInput && event !== undefined ? textFieldOf(event) : undefined;
        const snapshot = field === undefined ? early?.snapshot : snapshotField(field);
        this.#edit = snapshot === undefined ? undefined : { snapshot, taken: '' };
        break;
      }
      case 'recognized':
        if (edit !== undefined) edit.taken = retract(edit.snapshot) ?? '';
        break;
      case 'suppress':
        // With clearInput off, a reader types into a focused field like a keyboard would.
        if (event === undefined || (!this.#clearInput && textFieldOf(event) !== undefined)) break;
        event.preventDefault();
        event.stopPropagation();
        // Not `instanceof KeyboardEvent`: events from an iframe's document come from another realm.
        if (edit === undefined) break;
        if (event.type === 'keydown' && Array.from((event as KeyboardEvent).key).length === 1)
          edit.taken += (event as KeyboardEvent).key;
        else if (event.type === 'beforeinput') edit.taken += (event as InputEvent).data ?? '';
        break;
      case 'release':
        if (edit?.snapshot.field.isConnected === true) giveBack(edit.snapshot.field, edit.taken);
        this.#edit = undefined;
        break;
      case 'scan':
        this.#edit = undefined;
        callHost(this.#options.onScan, effect.scan);
        break;
      case 'error':
        this.#edit = undefined;
        // Typed into a card field (ours or the page's): the field takes it as typed, there is nothing to calibrate.
        if (effect.error.code === 'reading-too-slow' && event !== undefined && isEditable(event)) break;
        callHost(this.#options.onError, effect.error);
        break;
    }
  }

  /** Ends a calibration under way. */
  #cancelCalibration(): void {
    // A session still loading finishes as timed out once it has loaded (its text comes with it).
    this.#calibration?.session?.cancel();
    this.#calibration = undefined;
  }
}
