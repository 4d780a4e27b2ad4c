// Real key events in whichever engine the suite runs in (test/support/wtr-keyboard-plugin.mjs): CDP in Chromium,
// one WebDriver key action sequence in Firefox (BiDi) and WebKit (classic). A sequence the engine's driver cannot
// send as asked (a non-US layout, an `Unidentified` key, text without a key) skips the test with the reason.
//
// Chromium's keys carry their scheduled time as `event.timeStamp` (as an OS stamps a real key), so load on the
// machine cannot change the stamps the page sees; it can still hold a key back in real time, past the listener's
// real-time slack for late keys, so there a key that arrived over STAMPED_STALL_MS late counts as distorted (below). Firefox's and WebKit's drivers pace the keys themselves and the page
// stamps them on arrival: on a loaded machine a driver can stall a key for tens of milliseconds, which no reader
// does. So there the keys the page got are checked against the schedule; a delivery the driver distorted (a gap
// or a key's hold over 15 ms longer than asked, a dropped key: key-delivery.ts) does not test what the test meant to test, and the test is allowed
// up to three more runs — only then, and only that test; each such retry is recorded and printed at the end of
// the run. If the last run fails too and its keys were distorted as well, the test is reported skipped with that
// reason (it never got its keys), not failed. The test's own assertions are unchanged; an undistorted run that
// fails is a failure. Rollover (a key released while a key pressed after it is held) is probed once per page
// (rolloverDelivered) before it is sent: an engine whose driver cannot deliver it skips the test with the reason.
import { executeServerCommand } from '@web/test-runner-commands';
import {
  currentEngine,
  markDistorted,
  noteDelivery,
  retryOf,
  runningTest,
  skipInThisEngine,
} from './engine-skip.js';
import { deliveryDistortion, rolloverIn } from './key-delivery.js';
import { keyTap, type KeyEvent } from './key-taps.js';

export { keyTap };

export type { KeyEvent } from './key-taps.js';

export type KeyboardCapabilities = {
  readonly protocol: 'cdp' | 'webdriver-bidi' | 'webdriver-classic';
  /** `event.timeStamp` is the key's scheduled time (as an OS stamps it), not when the page got it. */
  readonly stampedTimes: boolean;
  /** Any key with any code (a German or French layout, NumLock states). */
  readonly anyLayout: boolean;
  readonly unidentifiedKeys: boolean;
  readonly insertText: boolean;
  /** A second keydown of a held key arrives with `repeat: true`. */
  readonly autoRepeat: boolean;
};

/** How much longer than asked a driver may make a gap before the delivery no longer is the asked one. */
export const DISTORTION_MS = 15;
/** Extra runs a test gets when (and only when) the driver distorted its keys. */
export const DISTORTION_RETRIES = 3;
/**
 * Chromium's keys keep their scheduled stamps, but the listener also measures silence on the page's own clock
 * (a real-time timer, with 250 ms of slack for late deliveries: listen-for-wedge.ts). CDP sends one key per round
 * trip, so a stalled test runner can hold a key back longer than that, which a reader whose keys queue in the
 * browser never does. A real-time gap this much longer than asked counts as a distorted delivery there.
 */
export const STAMPED_STALL_MS = 200;

let capabilities: Promise<KeyboardCapabilities> | undefined;

export function keyboardCapabilities(): Promise<KeyboardCapabilities> {
  capabilities ??= executeServerCommand('kaiku-keyboard-capabilities').then((r) => r as KeyboardCapabilities);
  return capabilities;
}

// Every key event the top document (or a same-origin iframe) gets, recorded before a listener of the page can
// stop it. Times are on the top document's clock.
// `t` is the event's own stamp (in Chromium the scheduled time), `at` when the page got it.
type Arrival = { type: string; t: number; at: number };
let arrived: Arrival[] | undefined;
let onArrival: (() => void) | undefined;
const noteArrival = (e: Event) => {
  const view = (e as KeyboardEvent).view ?? window;
  const offset = view === window ? 0 : view.performance.timeOrigin - performance.timeOrigin;
  arrived?.push({ type: e.type, t: e.timeStamp + offset, at: performance.now() });
  onArrival?.();
};

/** How long keys the driver has sent may still be on their way before they count as lost (a hang guard). */
const ARRIVAL_GUARD_MS = 15_000;

/**
 * Resolves when `count` key events have arrived, or after the hang guard. Event-driven: on a loaded machine a
 * driver's keys can reach the page long after the driver's command returned, and a fixed wait lost them.
 */
function arrivalOf(count: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      if ((arrived?.length ?? count) < count) return;
      clearTimeout(guard);
      onArrival = undefined;
      resolve();
    };
    const guard = setTimeout(() => {
      onArrival = undefined;
      resolve();
    }, ARRIVAL_GUARD_MS);
    onArrival = done;
    done();
  });
}

/** True when the focused element is a frame of another origin: its keys never reach this window. */
function focusInForeignFrame(): boolean {
  const active = document.activeElement;
  if (!(active instanceof HTMLIFrameElement)) return false;
  try {
    return active.contentWindow?.document === undefined;
  } catch {
    return true;
  }
}
/** This window and its same-origin frames' windows (another origin's keys are not ours to see). */
function sameOriginViews(): Window[] {
  const views: Window[] = [window];
  for (const frame of document.querySelectorAll('iframe')) {
    try {
      if (frame.contentWindow?.document) views.push(frame.contentWindow);
    } catch {
      // another origin
    }
  }
  return views;
}
function watchArrivals(): () => void {
  const views = sameOriginViews();
  for (const view of views)
    for (const type of ['keydown', 'keyup']) view.addEventListener(type, noteArrival, { capture: true });
  return () => {
    for (const view of views)
      for (const type of ['keydown', 'keyup']) view.removeEventListener(type, noteArrival, { capture: true });
  };
}

/**
 * Sends `events` as real key events, each `delayMs` after the one before. `stamp: false` leaves Chromium's
 * `event.timeStamp` to its arrival time (the other engines always stamp on arrival).
 */
export async function pressKeys(
  events: readonly KeyEvent[],
  options: { stamp?: boolean } = {},
): Promise<void> {
  const caps = await keyboardCapabilities();
  arrived = [];
  const unwatch = watchArrivals();
  try {
    const rollover = rolloverIn(events);
    if (rollover !== undefined && !(await rolloverDelivered()))
      await skipInThisEngine(
        `${await currentEngine()} key driver cannot send a key released while a key pressed after it is held (${rollover}): probed, the keyup comes as the later key's or not at all`,
      );
    const result = (await executeServerCommand('kaiku-keyboard', {
      events,
      stamp: options.stamp !== false,
    })) as { count: number; unsupported?: string };
    if (result.unsupported !== undefined)
      await skipInThisEngine(`${await currentEngine()} key driver cannot send ${result.unsupported}`);
    await checkDelivery(events, arrived, caps.stampedTimes);
  } finally {
    unwatch();
    arrived = undefined;
  }
}

let rolloverProbe: Promise<boolean> | undefined;

/**
 * Whether the engine's key driver delivers rollover as sent: a down, b down, a up, b up, 1 ms apart. Probed once per
 * page, with the probe's keys kept from the page (stopped and cancelled at the window, before any listener of the
 * page sees them). WebKitWebDriver does not: the page gets `keyup b` for `a`'s and nothing for `b`'s, so a test
 * sending rollover there waited out the arrival guard in every run and was skipped as "distorted". Decided from
 * the third key event as soon as it arrives; a machine too slow to deliver it within the guard decides nothing
 * (the keys are then sent as asked, and checked as always).
 */
function rolloverDelivered(): Promise<boolean> {
  // Keys for another origin's frame never reach this window: nothing to see, send as asked.
  if (focusInForeignFrame()) return Promise.resolve(true);
  if (rolloverProbe !== undefined) return rolloverProbe;
  const probe = (async () => {
    const got: string[] = [];
    let decided: () => void = () => undefined;
    const swallow = (e: Event) => {
      const key = e as KeyboardEvent;
      e.stopImmediatePropagation();
      e.preventDefault();
      got.push(`${key.type} ${key.key}`);
      if (got.length >= 4 || (got.length === 3 && got[2] !== 'keyup a')) decided();
    };
    const views = sameOriginViews();
    for (const view of views)
      for (const type of ['keydown', 'keyup']) view.addEventListener(type, swallow, { capture: true });
    try {
      const arrived = new Promise<void>((resolve) => (decided = resolve));
      const guard = new Promise<void>((resolve) => setTimeout(resolve, ARRIVAL_GUARD_MS));
      await executeServerCommand('kaiku-keyboard', {
        events: [
          { type: 'keydown', key: 'a', code: 'KeyA', delayMs: 0 },
          { type: 'keydown', key: 'b', code: 'KeyB', delayMs: 1 },
          { type: 'keyup', key: 'a', code: 'KeyA', delayMs: 1 },
          { type: 'keyup', key: 'b', code: 'KeyB', delayMs: 1 },
        ],
      });
      await Promise.race([arrived, guard]);
    } finally {
      for (const view of views)
        for (const type of ['keydown', 'keyup']) view.removeEventListener(type, swallow, { capture: true });
    }
    if (got.length < 3) {
      rolloverProbe = undefined; // undecided: probe again next time
      return true;
    }
    return got.join(', ') === 'keydown a, keydown b, keyup a, keyup b';
  })();
  rolloverProbe = probe;
  return probe;
}

/**
 * Compares what arrived with the schedule; a distorted delivery lets the running test run again. Stamped keys
 * (Chromium) are compared on their arrival times, against the larger `STAMPED_STALL_MS`.
 */
async function checkDelivery(events: readonly KeyEvent[], got: Arrival[], stamped: boolean): Promise<void> {
  const sent = events.filter((e) => e.type !== 'text');
  // Keys for another origin's frame never reach this window: nothing to compare.
  if (focusInForeignFrame()) return;
  if (stamped) {
    // CDP answers once the page has handled the key, so all have arrived. Keys that did not reach this window,
    // or text inserted without a key event, leave nothing to pair: no check.
    if (got.length !== sent.length || sent.length !== events.length) return;
  } else {
    // The driver has returned; the keys may still be on their way (on a loaded machine, all of them).
    await arrivalOf(sent.length);
  }
  const running = runningTest();
  if (running !== undefined)
    noteDelivery(running, () =>
      got
        .map(
          (g, i) =>
            `${sent[i]?.type ?? '?'} ${sent[i]?.key ?? '?'} +${i === 0 ? 0 : (g.t - got[i - 1]!.t).toFixed(1)}`,
        )
        .join(', '),
    );
  const distortion = stamped
    ? deliveryDistortion(
        sent,
        got.map((g) => g.at),
        STAMPED_STALL_MS,
      )
    : deliveryDistortion(
        sent,
        got.map((g) => g.t),
        DISTORTION_MS,
      );
  if (distortion === undefined) return;
  const test = runningTest();
  if (test === undefined) return;
  if (test.retries() < DISTORTION_RETRIES) test.retries(DISTORTION_RETRIES);
  markDistorted(test, distortion);
  await executeServerCommand('kaiku-engine-distorted', {
    test: test.fullTitle(),
    attempt: retryOf(test) + 1,
    detail: distortion,
  });
}

/**
 * Whether a script-made paste event carries its data here. Firefox gives a synthetic ClipboardEvent no
 * clipboardData (a real paste has it), so a test that pastes this way cannot apply there: skip with the reason.
 */
export async function requireSyntheticPaste(): Promise<void> {
  const data = new DataTransfer();
  data.setData('text/plain', 'x');
  const event = new ClipboardEvent('paste', { clipboardData: data });
  if (event.clipboardData?.getData('text/plain') !== 'x')
    await skipInThisEngine(
      'a script-made ClipboardEvent carries no clipboardData in this engine (a real paste does)',
    );
}

/**
 * `@web/test-runner-commands`' `sendKeys`, portable and paced like a person: `type` sends each character
 * `gapMs` (default 100) after the one before, `press` one key. (The runner's own sendKeys sends WebDriver keys
 * unpaced, and WebKitWebDriver drops keys sent that way.)
 */
export async function sendKeys(
  what: { type: string; press?: undefined } | { press: string; type?: undefined },
  { gapMs = 100 }: { gapMs?: number } = {},
): Promise<void> {
  const keys = what.type !== undefined ? Array.from(what.type) : [what.press];
  await pressKeys(keys.flatMap((key, i) => keyTap(key, i === 0 ? 0 : gapMs)));
}
