// Real keyboard events for browser tests and benchmarks, in every engine the suite runs in.
//
// Chromium (Playwright launcher): Chrome DevTools Protocol `Input.dispatchKeyEvent` with explicit key, code,
// text, Windows virtual key code and modifiers, one event at a time with real delays between them. By default
// each event also carries its scheduled time as CDP `timestamp`, which becomes `event.timeStamp` (as an OS stamps
// a real key when the device sends it); see dispatchKeyEvents.
//
// Firefox (WebDriver BiDi) and WebKit (classic WebDriver): the whole sequence as ONE key input source of a
// WebDriver `performActions`, with `pause` actions for the delays, so the browser paces the keys itself (no
// round trip per key). WebDriver derives `code` from the key value on a US layout and sets the modifier flags
// from the modifier keys it holds; it cannot send a non-US layout (`key: 'z'` with `code: 'KeyY'`), an
// `Unidentified` key, a key with its own `text`, text without a key event, or an OS time stamp. Such a sequence
// is not sent at all: the command answers `{ count: 0, unsupported: reason }` and the browser-side helper
// (test/support/keys.ts) skips the test with that reason, recorded by the engine-skip plugin.
//
// Browser tests: `executeServerCommand('kaiku-keyboard', { events })`, each event
// `{ type: 'keydown' | 'keyup', key, code, text?, keyCode?, shiftKey?, altKey?, ctrlKey?, metaKey?, repeat?, delayMs? }`
// (`keyCode` 229 with `key: 'Unidentified'` and a `text` is what Android/iPad readers and IMEs send), or
// `{ type: 'text', text, delayMs? }` for text inserted without any key event (CDP `Input.insertText`),
// and `stamp: false` to leave `event.timeStamp` to Chromium's arrival time (see dispatchKeyEvents); an event's
// own `stamp: false` does that for that event only. Other engines always stamp on arrival.

const VK = {
  Enter: 13,
  NumpadEnter: 13,
  Tab: 9,
  Space: 32,
  Backspace: 8,
  Escape: 27,
  ShiftLeft: 16,
  ShiftRight: 16,
  ControlLeft: 17,
  ControlRight: 17,
  AltLeft: 18,
  AltRight: 18,
  MetaLeft: 91,
  MetaRight: 92,
  CapsLock: 20,
  NumLock: 144,
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
  Home: 36,
  End: 35,
  PageUp: 33,
  PageDown: 34,
  Insert: 45,
  Delete: 46,
  NumpadMultiply: 106,
  NumpadAdd: 107,
  NumpadSubtract: 109,
  NumpadDecimal: 110,
  NumpadDivide: 111,
  Semicolon: 186,
  Equal: 187,
  Comma: 188,
  Minus: 189,
  Period: 190,
  Slash: 191,
  Backquote: 192,
  BracketLeft: 219,
  Backslash: 220,
  BracketRight: 221,
  Quote: 222,
  IntlBackslash: 226,
};
// With NumLock off the numpad sends navigation keys; Windows reports their own virtual key codes.
const NUMLOCK_OFF_VK = {
  Insert: 45,
  End: 35,
  ArrowDown: 40,
  PageDown: 34,
  ArrowLeft: 37,
  Clear: 12,
  ArrowRight: 39,
  Home: 36,
  ArrowUp: 38,
  PageUp: 33,
};

/** The Windows virtual key code Chromium expects for a physical key. */
export function virtualKeyCode(code, key) {
  let m = /^Key([A-Z])$/.exec(code);
  if (m) return m[1].charCodeAt(0);
  m = /^Digit(\d)$/.exec(code);
  if (m) return 48 + Number(m[1]);
  m = /^Numpad(\d)$/.exec(code);
  if (m) return key in NUMLOCK_OFF_VK ? NUMLOCK_OFF_VK[key] : 96 + Number(m[1]);
  m = /^F(\d{1,2})$/.exec(code);
  if (m) return 111 + Number(m[1]);
  return VK[code] ?? VK[key] ?? 0;
}

function modifiersOf(e) {
  return (e.altKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.metaKey ? 4 : 0) | (e.shiftKey ? 8 : 0);
}

function textOf(e) {
  if (e.text !== undefined) return e.text;
  if (e.ctrlKey || e.metaKey) return '';
  if (e.key === 'Enter') return '\r';
  return [...e.key].length === 1 ? e.key : '';
}

function sleep(ms) {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * Dispatches the events through a CDP session, really waiting `delayMs` before each (scheduled against a
 * fixed start, so the harness's own overhead does not pile up).
 *
 * `stamp` (default true): each event carries its scheduled time as the CDP `timestamp`, which Chromium
 * turns into `event.timeStamp`. That is what a real keyboard gets: the OS stamps the key when the device
 * sends it, however late the page handles it. Without it, `event.timeStamp` is when the CDP command reached
 * the browser, and on this shared 2-core machine (load 12) that adds p99 45–63 ms and up to 220 ms of
 * harness jitter to 5 ms gaps, which no real reader has. Pass `stamp: false` to measure that path.
 * Returns the Node-side `performance.now()` at which each event was dispatched.
 */
export async function dispatchKeyEvents(cdp, events, { stamp = true } = {}) {
  const sentAt = [];
  const startPerf = performance.now();
  const startEpochMs = Date.now();
  let offset = 0;
  for (const e of events) {
    offset += e.delayMs ?? 0;
    // Stamped: keep to the schedule. Unstamped: never catch up (that would bunch keys into a fake burst).
    await sleep(stamp ? startPerf + offset - performance.now() : (e.delayMs ?? 0));
    sentAt.push(performance.now());
    if (e.type === 'text') {
      // Text inserted with no key event at all (a tablet reader that only inserts text, an IME commit): Chromium gives
      // it no time stamp of its own, so `event.timeStamp` is when it arrived.
      await cdp.send('Input.insertText', { text: e.text ?? '' });
      continue;
    }
    const text = e.type === 'keydown' ? textOf(e) : '';
    const vk = e.keyCode ?? virtualKeyCode(e.code ?? '', e.key ?? '');
    await cdp.send('Input.dispatchKeyEvent', {
      type: e.type === 'keyup' ? 'keyUp' : text ? 'keyDown' : 'rawKeyDown',
      key: e.key,
      code: e.code,
      text: text || undefined,
      unmodifiedText: text || undefined,
      windowsVirtualKeyCode: vk,
      nativeVirtualKeyCode: vk,
      modifiers: modifiersOf(e),
      autoRepeat: e.repeat === true,
      isKeypad: typeof e.code === 'string' && e.code.startsWith('Numpad'),
      location: locationOf(e.code ?? ''),
      timestamp: stamp && e.stamp !== false ? (startEpochMs + offset) / 1000 : undefined,
    });
  }
  return sentAt;
}

function locationOf(code) {
  if (code.startsWith('Numpad')) return 3;
  if (/^(Shift|Control|Alt|Meta)Left$/.test(code)) return 1;
  if (/^(Shift|Control|Alt|Meta)Right$/.test(code)) return 2;
  return 0;
}

const sessions = new WeakMap();

async function cdpFor(page) {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

// WebDriver's key values for the keys that are not a printable character ("normalised key value" and "code"
// tables of the WebDriver spec, Keyboard actions): key -> code -> value.
const WD_SPECIAL = {
  Enter: { Enter: '\uE006', NumpadEnter: '\uE007' },
  Tab: { Tab: '\uE004' },
  Backspace: { Backspace: '\uE003' },
  Escape: { Escape: '\uE00C' },
  Shift: { ShiftLeft: '\uE008', ShiftRight: '\uE050' },
  Control: { ControlLeft: '\uE009', ControlRight: '\uE051' },
  Alt: { AltLeft: '\uE00A', AltRight: '\uE052' },
  Meta: { MetaLeft: '\uE03D', MetaRight: '\uE053' },
  PageUp: { PageUp: '\uE00E', Numpad9: '\uE054' },
  PageDown: { PageDown: '\uE00F', Numpad3: '\uE055' },
  End: { End: '\uE010', Numpad1: '\uE056' },
  Home: { Home: '\uE011', Numpad7: '\uE057' },
  ArrowLeft: { ArrowLeft: '\uE012', Numpad4: '\uE058' },
  ArrowUp: { ArrowUp: '\uE013', Numpad8: '\uE059' },
  ArrowRight: { ArrowRight: '\uE014', Numpad6: '\uE05A' },
  ArrowDown: { ArrowDown: '\uE015', Numpad2: '\uE05B' },
  Insert: { Insert: '\uE016', Numpad0: '\uE05C' },
  Delete: { Delete: '\uE017', NumpadDecimal: '\uE05D' },
  '*': { NumpadMultiply: '\uE024' },
  '+': { NumpadAdd: '\uE025' },
  '-': { NumpadSubtract: '\uE027' },
  '/': { NumpadDivide: '\uE029' },
};
for (let n = 1; n <= 12; n += 1) WD_SPECIAL[`F${n}`] = { [`F${n}`]: String.fromCharCode(0xe030 + n) };
for (let d = 0; d <= 9; d += 1) WD_SPECIAL[String(d)] = { [`Numpad${d}`]: String.fromCharCode(0xe01a + d) };
WD_SPECIAL['.'] = { NumpadDecimal: '\uE028' };

// The US-layout code of each printable character (WebDriver's "code" table), unshifted and shifted.
const US_ROWS = [
  [
    '`1234567890-=',
    '~!@#$%^&*()_+',
    ['Backquote', ...'1234567890'.split('').map((d) => `Digit${d}`), 'Minus', 'Equal'],
  ],
  ['[]\\', '{}|', ['BracketLeft', 'BracketRight', 'Backslash']],
  [";',./", ':"<>?', ['Semicolon', 'Quote', 'Comma', 'Period', 'Slash']],
];
const US_CODE = new Map();
for (const [plain, shifted, codes] of US_ROWS)
  codes.forEach((code, i) => {
    US_CODE.set(plain[i], { code, shift: false });
    US_CODE.set(shifted[i], { code, shift: true });
  });
for (let c = 0; c < 26; c += 1) {
  const lower = String.fromCharCode(97 + c);
  const code = `Key${lower.toUpperCase()}`;
  US_CODE.set(lower, { code, shift: false });
  US_CODE.set(lower.toUpperCase(), { code, shift: true });
}
US_CODE.set(' ', { code: 'Space', shift: false });

const MODIFIER = { Shift: 'shiftKey', Control: 'ctrlKey', Alt: 'altKey', Meta: 'metaKey' };

/**
 * The WebDriver key action sequence for `events`, or `{ unsupported }` naming the first event WebDriver cannot
 * send as asked. Pauses are whole milliseconds (WebDriver's unit), rounded against the cumulative schedule so that
 * fractional delays do not drift.
 */
export function toWebDriverActions(events, { autoRepeat = true } = {}) {
  const actions = [];
  const held = new Set();
  let scheduled = 0;
  let sent = 0;
  for (const [i, e] of events.entries()) {
    const at = `event ${i} (${e.type} ${JSON.stringify(e.key ?? e.text ?? '')}${e.code ? ` ${e.code}` : ''})`;
    if (e.type === 'text')
      return { unsupported: `text without a key event (${at}): WebDriver has no command for it` };
    if (e.key === 'Unidentified' || e.key === undefined)
      return { unsupported: `key 'Unidentified' (${at}): WebDriver can only send keys it can name` };
    if (e.text !== undefined && e.text !== e.key)
      return { unsupported: `a key with its own text (${at}): WebDriver's text is the key value` };
    const value = webDriverValue(e.key, e.code ?? '');
    if (value === undefined)
      return {
        unsupported: `key ${JSON.stringify(e.key)} with code ${JSON.stringify(e.code)} (${at}): WebDriver derives the code from the key on a US layout`,
      };
    if (e.keyCode !== undefined && e.keyCode !== virtualKeyCode(e.code ?? '', e.key))
      return { unsupported: `an explicit keyCode ${e.keyCode} (${at}): WebDriver derives it from the key` };
    if (e.type === 'keydown' && held.has(value) && !autoRepeat)
      return { unsupported: `a repeated key (${at}): this WebDriver sends no repeat for a key still held` };
    if (e.type === 'keydown' && held.has(value) !== (e.repeat === true))
      return {
        unsupported: `repeat ${e.repeat === true} (${at}): WebDriver repeats exactly a key still held`,
      };
    if (e.type === 'keydown' && !(e.key in MODIFIER))
      for (const [name, flag] of Object.entries(MODIFIER)) {
        const on = Object.values(WD_SPECIAL[name]).some((v) => held.has(v));
        if ((e[flag] === true) !== on)
          return {
            unsupported: `${flag} ${e[flag] === true} (${at}): WebDriver sets it from the ${name} key it holds`,
          };
      }
    scheduled += e.delayMs ?? 0;
    const pause = Math.round(scheduled) - sent;
    if (pause > 0) {
      actions.push({ type: 'pause', duration: pause });
      sent += pause;
    }
    if (e.type === 'keydown') {
      actions.push({ type: 'keyDown', value });
      held.add(value);
    } else {
      actions.push({ type: 'keyUp', value });
      held.delete(value);
    }
  }
  if (held.size > 0)
    return { unsupported: 'keys still held at the end: WebDriver would have to release them (extra keyups)' };
  return { actions };
}

function webDriverValue(key, code) {
  const special = WD_SPECIAL[key]?.[code];
  if (special !== undefined) return special;
  const us = US_CODE.get(key);
  if (us !== undefined && us.code === code) return key;
  return undefined;
}

/** Sends one WebDriver key input source to the session's page, through whichever protocol its launcher speaks. */
async function performKeyActions(session, actions) {
  const source = [{ type: 'key', id: 'kaiku-keyboard', actions }];
  const browser = session.browser;
  if (browser.type === 'webdriver') {
    if (!browser.driverManager) throw new Error('kaiku-keyboard: the WebDriver launcher has no session yet');
    await browser.driverManager.performActions(session.id, source);
    return;
  }
  const context = browser.getPage(session.id).mainFrame().browsingContext;
  if (!context?.performActions)
    throw new Error('kaiku-keyboard: this puppeteer page does not speak WebDriver BiDi');
  await context.performActions(source);
}

/** What the running engine's key path can do, for tests that check a capability before they press. */
export function keyboardCapabilities(session) {
  const cdp = session.browser.type === 'playwright';
  return {
    protocol: cdp ? 'cdp' : session.browser.type === 'webdriver' ? 'webdriver-classic' : 'webdriver-bidi',
    // The OS-like time stamp: `event.timeStamp` is the key's scheduled time, not when the page got it.
    stampedTimes: cdp,
    anyLayout: cdp,
    unidentifiedKeys: cdp,
    insertText: cdp,
    // WebKitWebDriver sends nothing for a second keyDown of a key it holds.
    autoRepeat: session.browser.type !== 'webdriver',
  };
}

/** The web-test-runner plugin: commands `kaiku-keyboard` and `kaiku-keyboard-capabilities`. */
export function keyboardPlugin() {
  return {
    name: 'kaiku-keyboard',
    async executeCommand({ command, payload, session }) {
      if (command === 'kaiku-keyboard-capabilities') return keyboardCapabilities(session);
      if (command !== 'kaiku-keyboard') return undefined;
      if (!payload || !Array.isArray(payload.events))
        throw new Error('kaiku-keyboard: payload { events: [...] }');
      if (session.browser.type === 'playwright') {
        const page = session.browser.getPage(session.id);
        const sentAt = await dispatchKeyEvents(await cdpFor(page), payload.events, {
          stamp: payload.stamp !== false,
        });
        return { count: sentAt.length };
      }
      const plan = toWebDriverActions(payload.events, keyboardCapabilities(session));
      if (plan.unsupported !== undefined) return { count: 0, unsupported: plan.unsupported };
      await performKeyActions(session, plan.actions);
      return { count: payload.events.length };
    },
  };
}
