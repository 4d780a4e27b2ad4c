// Real keyboard events for browser tests and benchmarks: Chrome DevTools Protocol `Input.dispatchKeyEvent`
// with explicit key, code, text, Windows virtual key code and modifiers, one event at a time with real delays
// between them. By default each event also carries its scheduled time as CDP `timestamp`, which becomes
// `event.timeStamp` (as an OS stamps a real key when the device sends it); see dispatchKeyEvents.
//
// Browser tests: `executeServerCommand('kaiku-keyboard', { events })`, each event
// `{ type: 'keydown' | 'keyup', key, code, text?, keyCode?, shiftKey?, altKey?, ctrlKey?, metaKey?, repeat?, delayMs? }`
// (`keyCode` 229 with `key: 'Unidentified'` and a `text` is what Android/iPad readers and IMEs send), or
// `{ type: 'text', text, delayMs? }` for text inserted without any key event (CDP `Input.insertText`),
// and `stamp: false` to leave `event.timeStamp` to Chromium's arrival time (see dispatchKeyEvents); an event's
// own `stamp: false` does that for that event only.

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

/** The web-test-runner plugin: command `kaiku-keyboard`. */
export function keyboardPlugin() {
  return {
    name: 'kaiku-keyboard',
    async executeCommand({ command, payload, session }) {
      if (command !== 'kaiku-keyboard') return undefined;
      if (session.browser.type !== 'playwright')
        throw new Error('kaiku-keyboard needs the playwright launcher');
      if (!payload || !Array.isArray(payload.events))
        throw new Error('kaiku-keyboard: payload { events: [...] }');
      const page = session.browser.getPage(session.id);
      const sentAt = await dispatchKeyEvents(await cdpFor(page), payload.events, {
        stamp: payload.stamp !== false,
      });
      return { count: sentAt.length };
    },
  };
}
