import { describe, expect, it } from 'vitest';
import { INITIAL_WEDGE_STATE, stepWedge } from './classify-wedge.js';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { emulateReader, emulateTyping, type EmulatedReader } from './emulate-reader.test-support.js';
import { resolveWedgeOptions } from './wedge-options.js';
import { altCodeChar } from './layouts.js';
import { kaikuParse } from './card-format.test-support.js';
import { parseCardId } from '../../card-id/parse-card-id.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeRecord } from './types.js';

const base: WedgeClassifierOptions = { parse: kaikuParse };

function run(
  records: readonly WedgeRecord[],
  options: WedgeClassifierOptions = {},
  settle = true,
): WedgeEffect[] {
  const last = records[records.length - 1]?.timeStamp ?? 0;
  const tail: WedgeRecord[] = settle ? [{ type: 'idle', timeStamp: last + 10_000 }] : [];
  return classifyWedgeStream([...records, ...tail], { ...base, ...options });
}

function scans(effects: readonly WedgeEffect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : []));
}

function errors(effects: readonly WedgeEffect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'error' ? [e.error.code] : []));
}

function read(id: string, reader: EmulatedReader = {}, options: WedgeClassifierOptions = {}): WedgeEffect[] {
  return run(emulateReader(id, reader), options);
}

describe('scanner bursts on the same layout', () => {
  it.each([1, 5, 12, 20, 30])('reads a US reader on a US host at %i ms per key', (gap) => {
    const effects = read('A045198723', { gapMs: gap });
    expect(scans(effects)).toEqual(['A045198723']);
    expect(errors(effects)).toEqual([]);
  });

  it('reports duration and key count from the event time stamps', () => {
    const effects = read('Y110029399', { gapMs: 10, start: 500 });
    const scan = effects.find((e) => e.kind === 'scan');
    expect(scan?.kind === 'scan' && scan.scan).toMatchObject({
      durationMs: 100,
      keyCount: 10,
      source: 'keys',
    });
  });

  it('keeps real double letters (a typed 99 is two keys)', () => {
    expect(scans(read('A999005458'))).toEqual(['A999005458']);
  });

  it.each([
    ['Tab', 'Tab'],
    ['custom key', { key: 'F9', code: 'F9' }],
    ['custom code only', { code: 'NumpadAdd' }],
  ] as const)('accepts the %s terminator when configured', (_name, terminator) => {
    expect(scans(read('X000011986', { terminator }, { terminator }))).toEqual(['X000011986']);
  });

  it('accepts NumpadEnter as Enter', () => {
    const records = emulateReader('Z000010669', { terminator: { key: 'Enter', code: 'NumpadEnter' } });
    expect(scans(run(records))).toEqual(['Z000010669']);
  });

  it('ends a burst by silence with terminator none, only after the idle timeout', () => {
    const records = emulateReader('A045198723', { terminator: 'none' });
    const last = records[records.length - 1]?.timeStamp ?? 0;
    const early = classifyWedgeStream([...records, { type: 'idle', timeStamp: last + 50 }], {
      ...base,
      terminator: 'none',
    });
    expect(scans(early)).toEqual([]);
    const late = classifyWedgeStream([...records, { type: 'idle', timeStamp: last + 101 }], {
      ...base,
      terminator: 'none',
    });
    expect(scans(late)).toEqual(['A045198723']);
  });

  it('with terminator none, a following keystroke after the silence also settles the burst', () => {
    const records = [
      ...emulateReader('A045198723', { terminator: 'none' }),
      ...emulateTyping('x', { start: 5000 }),
    ];
    expect(scans(run(records, { terminator: 'none' }, false))).toEqual(['A045198723']);
  });

  it('with terminator none, an Enter the reader sends anyway completes the burst', () => {
    expect(scans(read('A045198723', { terminator: 'Enter' }, { terminator: 'none' }))).toEqual([
      'A045198723',
    ]);
  });
});

describe('human typing is never a scan', () => {
  it.each([60, 80, 120, 250])('typing a valid ID at %i ms per key and Enter is left alone', (gap) => {
    const effects = run(emulateTyping('A045198723', { gapMs: gap, enter: true }));
    // Nothing focused, an ID at 60–80 ms: said (a slow reader, or typed astray), its Enter kept like any refusal's.
    const said = gap <= 80 ? [{ kind: 'error', code: 'reading-too-slow' }, { kind: 'suppress' }] : [];
    expect(
      effects
        .filter((e) => e.kind !== 'burst-start')
        .map((e) => (e.kind === 'error' ? { kind: e.kind, code: e.error.code } : e)),
    ).toEqual(said);
  });

  it('a fast typist with irregular 40–90 ms gaps is left alone', () => {
    const gaps = [45, 90, 40, 85, 60, 70, 42, 88, 66, 75];
    const effects = read('A045198723', { gapMs: (i) => gaps[i % gaps.length] ?? 60 });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual([]);
  });

  it('a Bluetooth reader at 100 ms needs its timing configured (or calibrated)', () => {
    expect(scans(read('A045198723', { gapMs: 100 }))).toEqual([]);
    const tuned = { maxInterKeyMs: 160, maxMedianInterKeyMs: 130 };
    expect(scans(read('A045198723', { gapMs: 100 }, tuned))).toEqual(['A045198723']);
  });

  it('typing before and after a scan does not disturb it', () => {
    const records = [
      ...emulateTyping('hello', { start: 0 }),
      ...emulateReader('Y110029399', { start: 2000 }),
      ...emulateTyping('more', { start: 4000, enter: true }),
    ];
    const effects = run(records);
    expect(scans(effects)).toEqual(['Y110029399']);
    expect(errors(effects)).toEqual([]);
  });

  it('a held key (auto-repeat) is not a reading, however fast', () => {
    const repeat: WedgeRecord[] = Array.from({ length: 12 }, (_, i) => ({
      type: 'keydown',
      key: '1',
      code: 'Digit1',
      timeStamp: 100 + i * 30,
      repeat: i > 0,
    }));
    const effects = run([...repeat, { type: 'keydown', key: 'Enter', code: 'Enter', timeStamp: 470 }]);
    expect(effects.filter((e) => e.kind === 'scan' || e.kind === 'error')).toEqual([]);
  });
});

describe('layouts', () => {
  it('refuses a US reader on a German host in auto mode: a Y card never becomes a Z card', () => {
    const effects = read('Y110029399', { readerLayout: 'us', hostLayout: 'de' });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['layout-mismatch']);
    const error = effects.find((e) => e.kind === 'error');
    expect(error?.kind === 'error' && error.error.params.hostLayouts).toContain('de');
    expect(error?.kind === 'error' && error.error.message.fi).toMatch(/asettelu/);
  });

  it('a Z card from a US reader on a German host is refused too (no guess in either direction)', () => {
    expect(errors(read('Z000010669', { readerLayout: 'us', hostLayout: 'de' }))).toEqual(['layout-mismatch']);
  });

  it('a US reader on a German host is read right once the reader layout is set', () => {
    expect(scans(read('Y110029399', { readerLayout: 'us', hostLayout: 'de' }, { layout: 'us' }))).toEqual([
      'Y110029399',
    ]);
  });

  it('an A card has no Y/Z and reads in auto mode on a German host', () => {
    expect(scans(read('A045198723', { readerLayout: 'us', hostLayout: 'de' }))).toEqual(['A045198723']);
  });

  it.each(['fi', 'sv'] as const)(
    'a US reader on a %s host reads in auto mode (letters and digits agree)',
    (host) => {
      expect(scans(read('Y110029399', { readerLayout: 'us', hostLayout: host }))).toEqual(['Y110029399']);
      expect(scans(read('Z000010669', { readerLayout: 'us', hostLayout: host }))).toEqual(['Z000010669']);
    },
  );

  it('a US reader on a French AZERTY host: auto refuses (digits come as symbols), layout us reads', () => {
    expect(errors(read('A045198723', { readerLayout: 'us', hostLayout: 'fr' }))).toEqual(['layout-mismatch']);
    expect(scans(read('A045198723', { readerLayout: 'us', hostLayout: 'fr' }, { layout: 'us' }))).toEqual([
      'A045198723',
    ]);
  });

  it.each(['de', 'fr', 'fi'] as const)(
    'a reader programmed %s, on the same host, with that layout set',
    (layout) => {
      for (const id of ['Y110029399', 'Z000010669', 'A045198723', 'X000011986']) {
        expect(scans(read(id, { readerLayout: layout, hostLayout: layout }, { layout }))).toEqual([id]);
      }
    },
  );

  it('a German reader on a German host is refused in auto mode (KeyZ types y there)', () => {
    expect(errors(read('Y110029399', { readerLayout: 'de', hostLayout: 'de' }))).toEqual(['layout-mismatch']);
  });

  it('layout host trusts `key` alone', () => {
    expect(scans(read('Y110029399', { readerLayout: 'de', hostLayout: 'de' }, { layout: 'host' }))).toEqual([
      'Y110029399',
    ]);
  });
});

describe('modifier states and odd keyboards', () => {
  it('Caps Lock on (reader sends Shift+letter, host types lower case)', () => {
    expect(scans(read('Y110029399', { capsLock: true }))).toEqual(['Y110029399']);
    expect(scans(read('Y110029399', { capsLock: true, hostLayout: 'fi' }))).toEqual(['Y110029399']);
  });

  it.each(['numlock-on', 'numlock-off'] as const)('numpad digits with %s', (numpad) => {
    expect(scans(read('A045198723', { numpad }))).toEqual(['A045198723']);
    // On AZERTY the number row types symbols, the numpad still types digits (X sits where it does on QWERTY).
    expect(scans(read('X000011986', { numpad, hostLayout: 'fr' }))).toEqual(['X000011986']);
  });

  it('Alt+numpad character codes', () => {
    const records = emulateReader('Y110029399', { altCodes: true, gapMs: 6 });
    expect(scans(run(records))).toEqual(['Y110029399']);
  });

  it('Alt+numpad codes outside printable ASCII are refused, not guessed', () => {
    const records = emulateReader('A04519872', { altCodes: true, gapMs: 6 });
    const t = (records[records.length - 1]?.timeStamp ?? 0) - 3;
    const odd: WedgeRecord[] = [
      { type: 'keydown', key: 'Alt', code: 'AltLeft', timeStamp: t - 2, altKey: true },
      { type: 'keydown', key: '2', code: 'Numpad2', timeStamp: t - 1.5, altKey: true },
      { type: 'keydown', key: '0', code: 'Numpad0', timeStamp: t - 1, altKey: true },
      { type: 'keydown', key: '0', code: 'Numpad0', timeStamp: t - 0.5, altKey: true },
      { type: 'keyup', key: 'Alt', code: 'AltLeft', timeStamp: t },
    ];
    const withOdd = [...records.slice(0, -2), ...odd, ...records.slice(-2)];
    const effects = run(withOdd);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['not-a-card-id']);
  });

  it("Android readers: key 'Unidentified', text from the input event", () => {
    expect(scans(read('X000011986', { unidentified: true }))).toEqual(['X000011986']);
  });

  it('the text of a key inserted late (its input event stamped later) does not end the burst', () => {
    const records = emulateReader('A045198723', { gapMs: 5 }).flatMap((r): WedgeRecord[] =>
      r.type === 'keydown' && r.key.length === 1
        ? [r, { type: 'input', text: r.key, timeStamp: r.timeStamp + 500 }]
        : [r],
    );
    expect(scans(run(records))).toEqual(['A045198723']);
  });

  it('an Unidentified key whose text never comes is refused as unidentified, never as "not a card ID"', () => {
    const records = emulateReader('X000011986', { unidentified: true }).filter(
      (r, i) => !(r.type === 'input' && i > 10 && i < 14),
    );
    expect(errors(run(records))).toEqual(['keys-unidentified']);
    const none = emulateReader('X000011986', { unidentified: true }).filter((r) => r.type !== 'input');
    expect(errors(run(none))).toEqual(['keys-unidentified']);
  });

  it('a keydown reported twice (no keyup between) counts once', () => {
    const records = emulateReader('A045198723');
    const doubled: WedgeRecord[] = [];
    for (const r of records) {
      doubled.push(r);
      if (r.type === 'keydown' && r.code === 'Digit5') doubled.push({ ...r, timeStamp: r.timeStamp + 0.2 });
    }
    expect(scans(run(doubled))).toEqual(['A045198723']);
  });

  it('ignores Shift pressed alone, and Ctrl shortcuts end a burst', () => {
    const records = emulateReader('A045198723', { gapMs: 5 });
    const withCtrl: WedgeRecord[] = [
      ...records.slice(0, 10),
      {
        type: 'keydown',
        key: 'c',
        code: 'KeyC',
        ctrlKey: true,
        timeStamp: (records[9]?.timeStamp ?? 0) + 0.1,
      },
      ...records.slice(10),
    ];
    const effects = run(withCtrl);
    expect(scans(effects)).toEqual([]);
  });
});

describe('prefix, suffix, length and card-ID format', () => {
  const affixed = { prefix: '$', suffix: '/' };

  it('strips a configured prefix and suffix', () => {
    expect(scans(read('A045198723', affixed, affixed))).toEqual(['A045198723']);
  });

  it('refuses a reader burst without the configured prefix', () => {
    expect(errors(read('A045198723', {}, affixed))).toEqual(['affix-missing']);
  });

  it('a burst shorter than minLength: a reader error when recognized, nothing when not', () => {
    expect(errors(read('A0451', { gapMs: 5 }, { minLength: 6 }))).toEqual(['burst-too-short']);
    expect(run(emulateReader('A04', { gapMs: 5 }))).toEqual([{ kind: 'burst-start' }]);
  });

  it('a fast burst that is no card ID is refused with the card-ID reason', () => {
    const effects = read('A04519872');
    expect(errors(effects)).toEqual(['not-a-card-id']);
    const error = effects.find((e) => e.kind === 'error');
    expect(error?.kind === 'error' && error.error.params.reason).toBe('bad-prefix');
  });

  it('upper-cases letters (a reader sending lower case, or Caps Lock on a host layout)', () => {
    const records = emulateReader('a045198723');
    expect(scans(run(records))).toEqual(['A045198723']);
  });

  it('refuses when the reader ends with another terminator than the one configured', () => {
    const effects = read('A045198723', { terminator: 'Tab' }, { terminator: 'Enter' });
    expect(errors(effects)).toEqual(['terminator-mismatch']);
    expect(effects.at(-1)).toEqual({ kind: 'suppress' });
  });

  it('reports a missing terminator once the reader has gone silent (terminator configured)', () => {
    expect(errors(read('A045198723', { terminator: 'none' }, { terminator: 'Enter' }))).toEqual([
      'terminator-missing',
    ]);
  });

  it.each(['Enter', 'Tab', 'none'] as const)('reads a %s-terminated reader with no configuration', (t) => {
    const effects = read('A045198723', { terminator: t });
    expect(scans(effects)).toEqual(['A045198723']);
    expect(errors(effects)).toEqual([]);
    // The terminator is kept from the page: no form submitted, no focus moved.
    if (t !== 'none') expect(effects.filter((e) => e.kind === 'suppress').length).toBeGreaterThan(6);
  });
});

describe('effects for the adapter', () => {
  it('recognizes a reader after four fast keys and suppresses from then on, terminator included', () => {
    const effects = run(emulateReader('A045198723'), {}, false);
    const kinds = effects.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['burst-start', 'recognized', 'suppress']);
    // The terminator's keydown is suppressed; the scan is reported when the reader releases it.
    expect(kinds.at(-2)).toBe('suppress');
    expect(kinds.at(-1)).toBe('scan');
  });

  it('recognizes from the prefix at the second key', () => {
    const records = emulateReader('A045198723', { prefix: '$' });
    const keydowns = records.filter((r) => r.type === 'keydown' && r.key !== 'Shift');
    let state = INITIAL_WEDGE_STATE;
    const options = resolveWedgeOptions({ ...base, prefix: '$' });
    const seen: string[][] = [];
    for (const r of records) {
      const step = stepWedge(state, r, options);
      state = step.state;
      if (r.type === 'keydown' && r.key !== 'Shift') seen.push(step.effects.map((e) => e.kind));
    }
    expect(keydowns.length).toBe(12);
    expect(seen[1]).toEqual(['recognized', 'suppress']);
  });

  it('gives the characters back when a recognized burst is interrupted (Backspace)', () => {
    const records = emulateReader('A045198723').slice(0, 12);
    const t = (records[records.length - 1]?.timeStamp ?? 0) + 5;
    const effects = run([...records, { type: 'keydown', key: 'Backspace', code: 'Backspace', timeStamp: t }]);
    expect(effects.map((e) => e.kind)).toContain('release');
    expect(errors(effects)).toEqual([]);
  });

  it('asks to be woken while a recognized burst is open, and not for typing', () => {
    const options = resolveWedgeOptions(base);
    let state = INITIAL_WEDGE_STATE;
    let wake: number | undefined;
    for (const r of emulateReader('A045198723').slice(0, 10))
      ({ state, wakeAt: wake } = stepWedge(state, r, options));
    expect(wake).toBeGreaterThan(1000);
    state = INITIAL_WEDGE_STATE;
    for (const r of emulateTyping('abc')) ({ state, wakeAt: wake } = stepWedge(state, r, options));
    expect(wake).toBeUndefined();
  });
});

describe('paste', () => {
  it('a pasted card ID (with line end) is a scan and its paste is suppressed', () => {
    const effects = run([{ type: 'paste', text: 'Y110029399\r\n', timeStamp: 5 }]);
    expect(scans(effects)).toEqual(['Y110029399']);
    expect(effects.map((e) => e.kind)).toEqual(['scan', 'suppress']);
  });

  it('other pastes are left alone', () => {
    for (const text of ['hello world', 'A04519872', '', 'Y110029399 and more']) {
      expect(run([{ type: 'paste', text, timeStamp: 5 }])).toEqual([]);
    }
  });

  it('strips the prefix from a paste, and can be turned off', () => {
    expect(
      scans(run([{ type: 'paste', text: '$A045198723/', timeStamp: 5 }], { prefix: '$', suffix: '/' })),
    ).toEqual(['A045198723']);
    expect(run([{ type: 'paste', text: 'A045198723', timeStamp: 5 }], { acceptPaste: false })).toEqual([]);
  });
});

describe('options', () => {
  it('refuses nonsense numbers, naming them, and keeps the documented relations between valid ones', () => {
    expect(() => resolveWedgeOptions({ maxInterKeyMs: -1, minLength: Number.NaN })).toThrow(
      expect.objectContaining({
        code: 'wedge-invalid-option',
        params: { fields: 'minLength, maxInterKeyMs' },
      }),
    );
    expect(resolveWedgeOptions({ maxInterKeyMs: 50, idleTimeoutMs: 10 })).toMatchObject({
      maxInterKeyMs: 50,
      minLength: 5,
      idleTimeoutMs: 50,
      maxMedianInterKeyMs: 35,
    });
  });

  it('a stored profile is used, explicit options win', () => {
    const profile = {
      version: 1,
      layout: 'de',
      terminator: 'Tab',
      prefix: '',
      suffix: '',
      maxInterKeyMs: 150,
      maxMedianInterKeyMs: 120,
    } as const;
    expect(resolveWedgeOptions({ profile })).toMatchObject({
      layout: 'de',
      terminator: 'Tab',
      maxInterKeyMs: 150,
    });
    expect(resolveWedgeOptions({ profile, layout: 'us' }).layout).toBe('us');
  });
});

describe('keys of a person mixed into a reading', () => {
  function withStrayKey(id: string, after: number, key: string, code: string, holdMs: number): WedgeRecord[] {
    const records = emulateReader(id, { gapMs: 8 });
    const anchor = records.filter((r) => r.type === 'keydown' && r.key !== 'Shift')[after];
    const t = (anchor?.timeStamp ?? 0) + 3;
    const stray: WedgeRecord[] = [
      { type: 'keydown', key, code, timeStamp: t },
      { type: 'keyup', key, code, timeStamp: t + holdMs },
    ];
    return [...records, ...stray].sort((a, b) => a.timeStamp - b.timeStamp);
  }

  it('an M pressed by the clerk inside an A… reading is refused, not read as an AM… card', () => {
    const effects = classifyWedgeStream([
      ...withStrayKey('A045198723', 0, 'm', 'KeyM', 90),
      { type: 'idle', timeStamp: 9e9 },
    ]);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('a reader that sends no keyups is not judged by key holds', () => {
    const records = emulateReader('A045198723').filter((r) => r.type !== 'keyup');
    expect(scans(classifyWedgeStream(records))).toEqual(['A045198723']);
  });
});

describe('the terminator is held until its keyup', () => {
  it('a key pressed while the terminator is down (a person) refuses the reading', () => {
    const records = emulateReader('AM00000000', { gapMs: 5 });
    const enter = records.findIndex((r) => r.type === 'keydown' && r.key === 'Enter');
    const t = records[enter]?.timeStamp ?? 0;
    const late: WedgeRecord[] = [
      { type: 'keydown', key: '0', code: 'Digit0', timeStamp: t + 0.2 },
      { type: 'keyup', key: '0', code: 'Digit0', timeStamp: t + 0.3 },
    ];
    const effects = classifyWedgeStream([
      ...records.slice(0, enter + 1),
      ...late,
      ...records.slice(enter + 1),
    ]);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('a character still held when the terminator comes up refuses the reading', () => {
    const records = emulateReader('AM000000000', { gapMs: 5 }).filter(
      (r, i, all) => !(r.type === 'keyup' && i === all.length - 3),
    );
    expect(errors(classifyWedgeStream(records))).toEqual(['mixed-input']);
  });

  it('a lost terminator keyup releases the scan after a short hold', () => {
    const records = emulateReader('A045198723', { gapMs: 5 }).slice(0, -1);
    const t = records[records.length - 1]?.timeStamp ?? 0;
    expect(scans(classifyWedgeStream(records))).toEqual([]);
    expect(scans(classifyWedgeStream([...records, { type: 'idle', timeStamp: t + 150 }]))).toEqual([
      'A045198723',
    ]);
  });
});

describe('with the real parseCardId', () => {
  it('reads every documented prefix', () => {
    for (const id of ['A045198723', 'AM12345678', 'Y110029399', 'YM123456789', 'X000011986', 'Z000010669']) {
      expect(scans(classifyWedgeStream(emulateReader(id)))).toEqual([id]);
    }
  });

  it('refuses a reading of the wrong length with the card-ID reason and its texts', () => {
    const effects = classifyWedgeStream(emulateReader('A04519872'));
    const error = effects.find((e) => e.kind === 'error');
    expect(error?.kind === 'error' && error.error).toMatchObject({
      code: 'not-a-card-id',
      params: { reason: 'bad-length' },
    });
    expect(error?.kind === 'error' && error.error.message.sv).toMatch(/tecken/);
  });

  it('verifies a Code 39 check character when configured', () => {
    const options = { cardIdOptions: { checkCharacter: 'verify' } } as const;
    expect(scans(classifyWedgeStream(emulateReader('A999005458G'), options))).toEqual(['A999005458']);
    expect(errors(classifyWedgeStream(emulateReader('A999005458H'), options))).toEqual(['not-a-card-id']);
  });
});

describe('a person’s key right after a reading without a terminator (found by the fuzz test)', () => {
  const key = (k: string, t: number, hold: number): WedgeRecord[] => [
    { type: 'keydown', key: k, code: `Digit${k}`, timeStamp: t },
    { type: 'keyup', key: k, code: `Digit${k}`, timeStamp: t + hold },
  ];
  // AM + 8 digits, read at 6 ms per key and ending at 1054; with the real format AM + 9 digits is a card too.
  const reading = () => emulateReader('AM00000000', { gapMs: 6, terminator: 'none' });

  it('refuses a key held like a person’s (40 ms) instead of reading AM000000002', () => {
    const effects = run([...reading(), ...key('2', 1100, 40)], { terminator: 'none', parse: parseCardId });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('refuses a short-held key that comes after a pause far outside the reader’s rhythm', () => {
    const effects = run([...reading(), ...key('2', 1090, 0.5)], { terminator: 'none', parse: parseCardId });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('still reads a nine-digit AM card whose keys keep the reader’s rhythm', () => {
    const effects = read(
      'AM000000002',
      { gapMs: 6, terminator: 'none' },
      { terminator: 'none', parse: parseCardId },
    );
    expect(scans(effects)).toEqual(['AM000000002']);
  });

  it('still reads a reader whose last key comes a little late when nothing shorter is a card', () => {
    const records = emulateReader('A04519872', { gapMs: 6, terminator: 'none' });
    const effects = run([...records, ...key('3', 1048 + 40, 0.5)], {
      terminator: 'none',
      parse: parseCardId,
    });
    expect(scans(effects)).toEqual(['A045198723']);
  });
});

describe('a foreign numpad key inside an Alt+numpad reading (found by the fuzz test)', () => {
  // The reader types each character as Alt + three numpad digits; a person's Numpad2 pressed within the last
  // code turns '8' (056) into 0562, which Windows would wrap to '2': AM000000008 must not become AM000000002.
  const reading = () => emulateReader('AM000000008', { altCodes: true, gapMs: 6 });
  const lastAltDown = (records: readonly WedgeRecord[]) =>
    records.filter((r) => r.type === 'keydown' && r.key === 'Alt').pop()?.timeStamp ?? 0;

  it('refuses the reading when the foreign key is still held as Alt is released', () => {
    const records = reading();
    const t = lastAltDown(records);
    const foreign: WedgeRecord[] = [
      { type: 'keydown', key: '2', code: 'Numpad2', timeStamp: t, altKey: true },
      { type: 'keyup', key: '2', code: 'Numpad2', timeStamp: t + 40, altKey: true },
    ];
    const effects = run([...records, ...foreign].sort((a, b) => a.timeStamp - b.timeStamp));
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['not-a-card-id']);
  });

  it.each([
    ['0562', '\uFFFD'],
    ['562', '\uFFFD'],
    ['1056', '\uFFFD'],
    ['0056', '8'],
    ['056', '8'],
    ['65', 'A'],
  ])('reads Alt code %s as %s', (digits, char) => {
    expect(altCodeChar(digits)).toBe(char);
  });
});

describe('terminator none, a reader that still sends Enter, and a person’s key (found by the fuzz test)', () => {
  it('refuses AM00000000 + a numpad 8 still held when the reader’s Enter comes up', () => {
    const records: WedgeRecord[] = [
      ...emulateReader('AM00000000', { gapMs: 10, terminator: 'none' }),
      { type: 'keydown', key: '8', code: 'Numpad8', timeStamp: 1102.5 },
      { type: 'keydown', key: 'Enter', code: 'Enter', timeStamp: 1105 },
      { type: 'keyup', key: 'Enter', code: 'Enter', timeStamp: 1105.5 },
      { type: 'keyup', key: '8', code: 'Numpad8', timeStamp: 1142.5 },
    ];
    const effects = run(records, { terminator: 'none', parse: parseCardId });
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['mixed-input']);
  });

  it('reads the same reading when nothing else is pressed', () => {
    const records: WedgeRecord[] = [
      ...emulateReader('AM00000000', { gapMs: 10, terminator: 'none' }),
      { type: 'keydown', key: 'Enter', code: 'Enter', timeStamp: 1105 },
      { type: 'keyup', key: 'Enter', code: 'Enter', timeStamp: 1105.5 },
    ];
    expect(scans(run(records, { terminator: 'none', parse: parseCardId }))).toEqual(['AM00000000']);
  });
});
