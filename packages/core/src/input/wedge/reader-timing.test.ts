import { describe, expect, it } from 'vitest';
import { INITIAL_WEDGE_STATE, LATE_TERMINATOR_MS, stepWedge } from './classify-wedge.js';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { resolveWedgeOptions } from './wedge-options.js';
import { calibrateWedge } from './calibrate-wedge.js';
import { emulateReader, emulateTyping, keyForChar } from './emulate-reader.test-support.js';
import type { WedgeLayoutName } from './layouts.js';
import { parseCardId } from '../../card-id/parse-card-id.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeKeyRecord, WedgeRecord } from './types.js';

// Readers' timing and framing, and computers with other keyboard settings, each as a recording: very fast and
// rollover readers, auto-repeat, slow Bluetooth links, control characters around the ID, late terminators, a person
// typing while a scan arrives. What a demanding user expects: the right ID, or a refusal with a stable code and
// fi/sv/en texts; never another card's ID. (Vendors' reader shapes: reader-shapes.test.ts; in the browser:
// reader-timing.browser.test.ts.)

function run(records: readonly WedgeRecord[], options: WedgeClassifierOptions = {}): WedgeEffect[] {
  const sorted = [...records].sort((a, b) => a.timeStamp - b.timeStamp);
  const last = sorted[sorted.length - 1]?.timeStamp ?? 0;
  return classifyWedgeStream([...sorted, { type: 'idle', timeStamp: last + 10_000 }], {
    parse: parseCardId,
    ...options,
  });
}

const scans = (effects: readonly WedgeEffect[]) =>
  effects.flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : []));
const outcomes = (effects: readonly WedgeEffect[]) =>
  effects.filter((e) => e.kind === 'scan' || e.kind === 'error' || e.kind === 'release');
const errors = (effects: readonly WedgeEffect[]) =>
  effects.flatMap((e) => (e.kind === 'error' ? [e.error.code] : []));

function expectTexts(effects: readonly WedgeEffect[]): void {
  for (const e of effects) {
    if (e.kind !== 'error') continue;
    for (const text of Object.values(e.error.message)) expect(text.length).toBeGreaterThan(5);
    expect(Object.keys(e.error.message).sort()).toEqual(['en', 'fi', 'sv']);
  }
}

type Key = { key: string; code: string; shift?: boolean; ctrl?: boolean; alt?: boolean };

/** A key of a US-programmed reader typed on `host` (what `key` says there). */
function usKey(char: string, host: WedgeLayoutName = 'us'): Key {
  if (char === '\n') return { key: 'Enter', code: 'Enter' };
  const position = keyForChar('us', char);
  if (position === undefined) throw new RangeError('no such key');
  const hostRecords = emulateReader(char, { readerLayout: 'us', hostLayout: host, terminator: 'none' });
  const down = hostRecords.find((r) => r.type === 'keydown' && r.key !== 'Shift') as WedgeKeyRecord;
  return { key: down.key, code: position.code, shift: position.shift };
}

type Timed = { k: Key; down: number; up: number; repeat?: boolean };

function records(timed: readonly Timed[]): WedgeKeyRecord[] {
  return timed.flatMap(({ k, down, up, repeat }) => {
    const flags = { shiftKey: k.shift === true, ctrlKey: k.ctrl === true, altKey: k.alt === true };
    return [
      { type: 'keydown' as const, key: k.key, code: k.code, timeStamp: down, repeat, ...flags },
      { type: 'keyup' as const, key: k.key, code: k.code, timeStamp: up, ...flags },
    ];
  });
}

/** A reader typing `text` (+ Enter): key i goes down at `downAt(i)` and up `holdOf(i)` later. */
function reader(
  text: string,
  downAt: (i: number) => number,
  holdOf: (i: number) => number = () => 0.5,
  host: WedgeLayoutName = 'us',
): WedgeKeyRecord[] {
  return records(
    Array.from(`${text}\n`, (c, i) => ({ k: usKey(c, host), down: downAt(i), up: downAt(i) + holdOf(i) })),
  );
}

describe('very fast readers', () => {
  it('0 ms between keys (every key stamped alike) reads', () => {
    expect(scans(run(reader('A045198723', () => 1000)))).toEqual(['A045198723']);
  });

  it('rollover: several keys down before any keyup (1 ms apart, each held 4 ms) reads', () => {
    const effects = run(
      reader(
        'AM045198723',
        (i) => 1000 + i,
        () => 4,
      ),
    );
    expect(scans(effects)).toEqual(['AM045198723']);
  });

  it('rollover with long holds and doubled digits: the first key held 9 ms, the doubled ones released early, reads', () => {
    // Keys 1 ms apart, each held 9 ms, but a key typed again is released first (A777710170: three 7s held 0.5 ms).
    // When Enter goes down the last three keys are still held, 1–3 ms so far: against those the first key's 9 ms
    // looked like a person's key (found by the fuzz test, classify-wedge.fuzz.test.ts). Judged once they are up.
    const effects = run(emulateReader('A777710170', { gapMs: 1, holdMs: 9 }) as WedgeRecord[]);
    expect(scans(effects)).toEqual(['A777710170']);
    expect(errors(effects)).toEqual([]);
  });

  it('keyups out of order (pairs released in reverse) read', () => {
    const effects = run(
      reader(
        'A045198723',
        (i) => 1000 + i,
        (i) => (i % 2 === 0 ? 2.5 : 0.5),
      ),
    );
    expect(scans(effects)).toEqual(['A045198723']);
  });

  it('a rollover reader still refuses a person’s key held among its keys', () => {
    const stream = [
      ...reader(
        'AM04519872',
        (i) => 1000 + i,
        () => 4,
      ),
      ...records([{ k: usKey('3'), down: 1010.5, up: 1090 }]),
    ];
    const effects = run(stream);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('the last digit released just after the terminator (rollover to the end) reads', () => {
    const stream = reader(
      'A045198723',
      (i) => 1000 + 2 * i,
      (i) => (i === 9 ? 4 : i === 10 ? 1 : 3),
    );
    // Enter (down at 1020, up at 1021) comes up before the last digit (down 1018, up 1022).
    expect(scans(run(stream))).toEqual(['A045198723']);
  });

  it('a person’s key still held long after the terminator comes up is refused', () => {
    const stream = reader('AM04519872', (i) => 1000 + 5 * i);
    // A person's 3 went down inside the reader's rhythm just before Enter and is held like a person's key.
    const effects = run([...stream, ...records([{ k: usKey('3'), down: 1048, up: 1120 }])]);
    expect(scans(effects)).not.toContain('AM045198723');
    expect(errors(effects)).toContain('mixed-input');
  });
});

describe('readers that repeat a keydown (auto-repeat flag) for a doubled character', () => {
  function doubled(id: string): WedgeKeyRecord[] {
    // The reader holds the key and lets the host repeat it: keydown, keydown (repeat), keyup.
    const out: WedgeKeyRecord[] = [];
    let t = 1000;
    const chars = Array.from(`${id}\n`);
    chars.forEach((c, i) => {
      const k = usKey(c);
      if (c === chars[i - 1] && c !== '\n') {
        const previousUp = out.pop() as WedgeKeyRecord; // the previous press is still held
        out.push(
          { ...previousUp, type: 'keydown', timeStamp: t, repeat: true },
          { ...previousUp, timeStamp: t + 1 },
        );
      } else {
        out.push(...records([{ k, down: t, up: t + 1 }]));
      }
      t += 3;
    });
    return out;
  }

  it('reads 00 in X000011986 and AM00000000 from a held key', () => {
    expect(scans(run(doubled('X000011986')))).toEqual(['X000011986']);
    expect(scans(run(doubled('AM00000000')))).toEqual(['AM00000000']);
  });

  it('a person holding a key (first repeat after 500 ms, then every 33 ms) is still no reading', () => {
    const held: WedgeKeyRecord[] = [{ type: 'keydown', key: '0', code: 'Digit0', timeStamp: 1000 }];
    for (let t = 1500; t < 2000; t += 33)
      held.push({ type: 'keydown', key: '0', code: 'Digit0', timeStamp: t, repeat: true });
    held.push({ type: 'keyup', key: '0', code: 'Digit0', timeStamp: 2000 });
    const effects = run([...emulateTyping('AM', { start: 700 }), ...held, ...reader('', () => 2050)]);
    expect(outcomes(effects)).toEqual([]);
  });
});

describe('slow Bluetooth readers', () => {
  const jitter = (i: number) => 30 + ((i * 37) % 31); // 30–60 ms
  const at = (i: number) => 1000 + Array.from({ length: i }, (_, j) => jitter(j)).reduce((a, b) => a + b, 0);
  const slow = { maxInterKeyMs: 100, maxMedianInterKeyMs: 70 };

  it('30–60 ms with jitter is typing by default (said as too slow), read once its timing is configured', () => {
    expect(errors(run(reader('Z000010669', at)))).toEqual(['reading-too-slow']);
    expect(scans(run(reader('Z000010669', at), slow))).toEqual(['Z000010669']);
  });

  it('calibrated on one jittery reading, it reads other cards from the same reader, still not typing', () => {
    const calibration = calibrateWedge(reader('Y110029399', at), {
      ...resolveWedgeOptions(),
      expectedId: 'Y110029399',
    });
    if (!calibration.ok) throw new Error(calibration.error.code);
    const options = { profile: calibration.profile };
    const later = (i: number) => at(i + 3) + 5000; // another stretch of the same jitter
    expect(scans(run(reader('A045198723', later), options))).toEqual(['A045198723']);
    // A person at 120–250 ms is still typing for the calibrated listener.
    expect(outcomes(run(emulateTyping('A045198723', { gapMs: 120, enter: true }), options))).toEqual([]);
  });

  it('a 300 ms stall mid-burst is one interrupted reading, never read as another card', () => {
    const stalled = (i: number) => at(i) + (i >= 5 ? 300 : 0);
    const effects = run(reader('AM000010669', stalled), { ...slow, terminator: 'Enter' });
    expect(scans(effects)).toEqual([]);
    // The first part could still grow into a card ID: interrupted; the rest is its rest, not a reading of its own.
    expect(errors(effects)).toEqual(['reading-interrupted']);
    expectTexts(effects);
    // Its terminator is the reader's: kept from the page.
    expect(effects[effects.length - 1]).toEqual({ kind: 'suppress' });
    const auto = run(reader('AM000010669', stalled), slow);
    expect(scans(auto)).toEqual([]);
    expect(errors(auto)).toEqual(['reading-interrupted']);
    // A stall right after a valid shorter ID (AM + 8 digits of a 9-digit card) is never read as that ID.
    const late = (i: number) => at(i) + (i >= 10 ? 300 : 0);
    const cut = run(reader('AM000010669', late), slow);
    expect(scans(cut)).toEqual([]);
    expect(errors(cut)[0]).toBe('reading-interrupted');
  });
});

describe('readers that frame the ID with control characters', () => {
  const id = 'A045198723';
  const fast = (i: number) => 1000 + 4 * i;
  const shift = (stream: readonly WedgeKeyRecord[], ms: number) =>
    stream.map((r) => ({ ...r, timeStamp: r.timeStamp + ms }));

  it('STX/ETX as Unidentified keys (no code, no text) around the ID', () => {
    const stx: Timed = { k: { key: 'Unidentified', code: '' }, down: 996, up: 996.5 };
    const body = reader(id, fast);
    const enter = body.splice(-2);
    const etx: Timed = { k: { key: 'Unidentified', code: '' }, down: 1040, up: 1040.5 };
    const effects = run([...records([stx]), ...body, ...records([etx]), ...shift(enter, 4)]);
    expect(scans(effects)).toEqual([id]);
  });

  it('STX/ETX as Ctrl+B / Ctrl+C, and an F-key suffix', () => {
    const ctrl = (key: string, down: number): Timed => ({
      k: { key, code: `Key${key.toUpperCase()}`, ctrl: true },
      down,
      up: down + 0.5,
    });
    const controls: WedgeKeyRecord[] = [
      { type: 'keydown', key: 'Control', code: 'ControlLeft', timeStamp: 995, ctrlKey: true },
      { type: 'keyup', key: 'Control', code: 'ControlLeft', timeStamp: 997 },
      { type: 'keydown', key: 'Control', code: 'ControlLeft', timeStamp: 1039, ctrlKey: true },
      { type: 'keyup', key: 'Control', code: 'ControlLeft', timeStamp: 1041 },
    ];
    const body = reader(id, fast);
    const enter = body.splice(-2);
    const effects = run([
      ...controls,
      ...records([ctrl('b', 996), ctrl('c', 1040)]),
      ...body,
      ...shift(enter, 4),
    ]);
    expect(scans(effects)).toEqual([id]);
    const f9 = records([{ k: { key: 'F9', code: 'F9' }, down: 1040, up: 1040.5 }]);
    expect(scans(run([...reader(id, fast).slice(0, -2), ...f9, ...shift(enter, 4)]))).toEqual([id]);
  });

  it('CR+LF (Enter, then Ctrl+J) reads once', () => {
    const lf = records([{ k: { key: 'j', code: 'KeyJ', ctrl: true }, down: 1044, up: 1044.5 }]);
    const effects = run([...reader(id, fast), ...lf]);
    expect(scans(effects)).toEqual([id]);
    expect(errors(effects)).toEqual([]);
    // The line feed is kept from the page (Ctrl+J would open the browser's downloads).
    expect(effects.at(-1)).toEqual({ kind: 'suppress' });
    const twice = run([...reader(id, fast), ...records([{ k: usKey('\n'), down: 1044, up: 1044.5 }])]);
    expect(scans(twice)).toEqual([id]);
    expect(twice.at(-1)).toEqual({ kind: 'suppress' });
    // An Enter a person presses later is the page's.
    const later = run([...reader(id, fast), ...records([{ k: usKey('\n'), down: 1400, up: 1480 }])]);
    expect(later.at(-1)?.kind).toBe('scan');
    // Also an Enter 45 or 60 ms after the reading (a clerk confirming after a quick look-up): only a line feed
    // right behind the reading is the reader's.
    const end = Math.max(...reader(id, fast).map((r) => r.timeStamp));
    for (const down of [end + 45, end + 60]) {
      const confirm = run([...reader(id, fast), ...records([{ k: usKey('\n'), down, up: down + 80 }])]);
      expect(confirm.at(-1)?.kind).toBe('scan');
    }
  });

  it('Tab-terminated while Enter is expected, and no terminator at all: refused with a code', () => {
    const tab = reader(id, fast).slice(0, -2);
    tab.push(...records([{ k: { key: 'Tab', code: 'Tab' }, down: 1040, up: 1040.5 }]));
    expect(errors(run(tab, { terminator: 'Enter' }))).toEqual(['terminator-mismatch']);
    expect(errors(run(reader(id, fast).slice(0, -2), { terminator: 'Enter' }))).toEqual([
      'terminator-missing',
    ]);
    expect(scans(run(tab, { terminator: 'Tab' }))).toEqual([id]);
    // Out of the box, both read.
    expect(scans(run(tab))).toEqual([id]);
    expect(scans(run(reader(id, fast).slice(0, -2)))).toEqual([id]);
  });
});

describe('computers with other keyboard settings', () => {
  const fast = (i: number) => 1000 + 3 * i;

  it('a Finnish-programmed reader sending a prefix with Shift+digit and AltGr (@, $) on a Finnish computer', () => {
    // fi: `#` is Shift+3; `@` is AltGr+2, which Windows reports with Ctrl and Alt both held.
    const hash: Timed = { k: { key: '#', code: 'Digit3', shift: true }, down: 990, up: 990.5 };
    const at: Timed = { k: { key: '@', code: 'Digit2', ctrl: true, alt: true }, down: 993, up: 993.5 };
    const stream = [...records([hash, at]), ...reader('A045198723', fast)];
    expect(scans(run(stream, { layout: 'fi', prefix: '#@' }))).toEqual(['A045198723']);
    expect(scans(run(stream, { prefix: '#@', layout: 'host' }))).toEqual(['A045198723']);
  });

  it('German computer: the Y card is refused in auto, read with layout us; never read as a Z card', () => {
    const stream = reader('Y110029399', fast, () => 0.5, 'de');
    expect(errors(run(stream))).toEqual(['layout-mismatch']);
    expect(scans(run(stream, { layout: 'us' }))).toEqual(['Y110029399']);
  });

  it('French AZERTY: a French-programmed reader (Shift for digits) on a French computer', () => {
    const stream = emulateReader('X000011986', { readerLayout: 'fr', hostLayout: 'fr', gapMs: 3 });
    expect(scans(run(stream, { layout: 'fr' }))).toEqual(['X000011986']);
    const auto = run(stream);
    expect(scans(auto).filter((id) => id !== 'X000011986')).toEqual([]);
  });

  it('Caps Lock on and NumLock off together', () => {
    const stream = emulateReader('A045198723', { capsLock: true, numpad: 'numlock-off', gapMs: 2 });
    expect(scans(run(stream))).toEqual(['A045198723']);
  });

  it('an IME active: keys come as Process (text composed), read from code', () => {
    const stream = reader('A045198723', fast).map((r) => (r.key === 'Enter' ? r : { ...r, key: 'Process' }));
    expect(scans(run(stream))).toEqual(['A045198723']);
  });
});

describe('people and readers at the same time', () => {
  it('a good typist (60–120 ms, bursts of 40 ms) while a scan arrives: the right ID or a refusal', () => {
    const typed: Timed[] = [];
    let t = 900;
    for (let i = 0; i < 14; i++) {
      t += i % 4 === 3 ? 40 : 60 + ((i * 23) % 61);
      typed.push({ k: usKey('kaikukortti123'[i % 14] ?? 'k'), down: t, up: t + 70 });
    }
    const effects = run([...records(typed), ...reader('A999005458', (i) => 1100 + 6 * i)]);
    expect(scans(effects).filter((id) => id !== 'A999005458')).toEqual([]);
    expect(scans(effects).length + errors(effects).length).toBe(1);
    expectTexts(effects);
  });

  it('two scans back to back, 20 ms apart, both read in order', () => {
    const first = reader('A045198723', (i) => 1000 + 3 * i);
    const second = reader('Z000010669', (i) => 1053.5 + 3 * i);
    expect(scans(run([...first, ...second]))).toEqual(['A045198723', 'Z000010669']);
  });

  it('two scans back to back from a reader that sends no keyups', () => {
    const both = [...reader('A045198723', (i) => 1000 + 3 * i), ...reader('Y110029399', (i) => 1053 + 3 * i)];
    expect(scans(run(both.filter((r) => r.type === 'keydown')))).toEqual(['A045198723', 'Y110029399']);
  });

  it('a terminator 500 ms late still reads the card (nothing else came in between)', () => {
    const stream = reader('A045198723', (i) => (i === 10 ? 1530 : 1000 + 3 * i));
    expect(scans(run(stream))).toEqual(['A045198723']);
  });

  it('only a burst long enough to be a reading waits for a late terminator; a short one is given back at once', () => {
    const options = resolveWedgeOptions({ parse: parseCardId, terminator: 'Enter' });
    const wakeAfter = (text: string) => {
      let state = INITIAL_WEDGE_STATE;
      let wake: number | undefined;
      for (const r of reader(text, (i) => 1000 + 3 * i).slice(0, -2)) {
        ({ state, wakeAt: wake } = stepWedge(state, r, options));
      }
      return (wake ?? 0) - (1000 + 3 * (text.length - 1));
    };
    expect(wakeAfter('kaik')).toBe(options.maxInterKeyMs + 1);
    expect(wakeAfter('A045198723')).toBe(LATE_TERMINATOR_MS + 1);
  });

  it('a key typed after a reading without its terminator ends it: refused, never extended', () => {
    const stream = reader('AM04519872', (i) => 1000 + 3 * i).slice(0, -2);
    stream.push(
      ...records([
        { k: usKey('3'), down: 1300, up: 1380 },
        { k: usKey('\n'), down: 1450, up: 1530 },
      ]),
    );
    // AM + 8 digits could be cut short (a 9th digit would make another card): refused, with or without a
    // configured terminator.
    const effects = run(stream, { terminator: 'Enter' });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['reading-interrupted']);
    const auto = run(stream);
    expect(scans(auto)).toEqual([]);
    expect(errors(auto)).toEqual(['reading-interrupted']);
  });
});

describe('found by the fuzz test with the new reader styles', () => {
  it('a person’s 4 held while the reader types its own 4 is not released by the reader’s keyup', () => {
    // Reader AM04000000 (8 digits, valid); the person's 4 lands after M and is held 40 ms: AM404000000 is valid too.
    const stream = [
      ...reader('AM04000000', (i) => 1000 + 6 * i),
      ...records([{ k: usKey('4'), down: 1011, up: 1051 }]),
    ];
    const effects = run(stream);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });
});
