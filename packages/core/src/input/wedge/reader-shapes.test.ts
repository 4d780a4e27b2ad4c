import { describe, expect, it } from 'vitest';
import { INITIAL_WEDGE_STATE, LATE_TERMINATOR_MS, stepWedge } from './classify-wedge.js';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { resolveWedgeOptions } from './wedge-options.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeKeyRecord, WedgeRecord } from './types.js';

// Recorded streams of readers other than the emulator's, written out key by key as their vendors' readers and
// tablets deliver them (issue 14). Out of the box (no options): the right ID, or a refusal with a stable code.

type Rec = WedgeRecord;
const down = (key: string, code: string, t: number, extra: Partial<WedgeKeyRecord> = {}): Rec => ({
  type: 'keydown',
  key,
  code,
  timeStamp: t,
  ...extra,
});
const up = (key: string, code: string, t: number, extra: Partial<WedgeKeyRecord> = {}): Rec => ({
  type: 'keyup',
  key,
  code,
  timeStamp: t,
  ...extra,
});

function codeOf(c: string): string {
  if (/[0-9]/.test(c)) return `Digit${c}`;
  if (/[A-Za-z]/.test(c)) return `Key${c.toUpperCase()}`;
  return '';
}

/** A reader holding Shift across the letters (Honeywell style), keys every `gap` ms, each held 2 ms. */
function shiftHeld(text: string, start: number, gap: number, end?: [string, string]): Rec[] {
  const out: Rec[] = [];
  let t = start;
  let shift = false;
  for (const c of Array.from(text)) {
    const letter = /[A-Z]/.test(c);
    if (letter && !shift) out.push(down('Shift', 'ShiftLeft', t - 1, { shiftKey: true }));
    if (!letter && shift) out.push(up('Shift', 'ShiftLeft', t - 1));
    shift = letter;
    out.push(down(c, codeOf(c), t, { shiftKey: letter }), up(c, codeOf(c), t + 2, { shiftKey: letter }));
    t += gap;
  }
  if (shift) out.push(up('Shift', 'ShiftLeft', t - 1));
  if (end !== undefined) out.push(down(end[0], end[1], t), up(end[0], end[1], t + 2));
  return out;
}

/** An Android reader: keydown `Unidentified` (keyCode 229, no code), the text as `beforeinput`, keyup. */
function android(text: string, start: number, gap: number, hostField = false): Rec[] {
  return Array.from(text).flatMap((c, i) => {
    const t = start + i * gap;
    return [
      down('Unidentified', '', t, { hostField }),
      { type: 'input' as const, text: c, timeStamp: t + 0.3, hostField },
      up('Unidentified', '', t + 1, { hostField }),
    ];
  });
}

function run(records: readonly Rec[], options: WedgeClassifierOptions = {}): WedgeEffect[] {
  const last = records.reduce((m, r) => Math.max(m, r.timeStamp), 0);
  return classifyWedgeStream([...records, { type: 'idle', timeStamp: last + 10_000 }], options);
}
const scans = (effects: readonly WedgeEffect[]) =>
  effects.flatMap((e) => (e.kind === 'scan' ? [e.scan.id] : []));
const errors = (effects: readonly WedgeEffect[]) =>
  effects.flatMap((e) => (e.kind === 'error' ? [e.error.code] : []));

/** Effects of each record, in order. */
function perRecord(records: readonly Rec[], options: WedgeClassifierOptions = {}): WedgeEffect[][] {
  const resolved = resolveWedgeOptions(options);
  let state = INITIAL_WEDGE_STATE;
  return records.map((r) => {
    const step = stepWedge(state, r, resolved);
    state = step.state;
    return [...step.effects];
  });
}

describe('terminators, with no configuration', () => {
  it('Shift held across the prefix letters, Tab at the end (Honeywell-style): read, the Tab kept', () => {
    const stream = shiftHeld('AM045198723', 1000, 3, ['Tab', 'Tab']);
    const effects = perRecord(stream);
    expect(scans(effects.flat())).toEqual(['AM045198723']);
    const tabIndex = stream.findIndex((r) => r.type === 'keydown' && r.key === 'Tab');
    expect(effects[tabIndex]).toContainEqual({ kind: 'suppress' });
  });

  it('NumpadEnter, and Enter + NumpadEnter (CR+LF) read once', () => {
    const numpad = shiftHeld('X000011986', 1000, 2, ['Enter', 'NumpadEnter']);
    expect(scans(run(numpad))).toEqual(['X000011986']);
    const crlf = [...numpad, down('Enter', 'NumpadEnter', 1025), up('Enter', 'NumpadEnter', 1026)];
    const effects = perRecord(crlf);
    expect(scans(effects.flat())).toEqual(['X000011986']);
    expect(effects.at(-2)).toEqual([{ kind: 'suppress' }]);
  });

  it('no terminator: read once silent; an ID that a 9th digit could change waits 1 s for more', () => {
    expect(scans(run(shiftHeld('Z000010669', 1000, 4)))).toEqual(['Z000010669']);
    const am = shiftHeld('AM04519872', 1000, 4);
    const options = resolveWedgeOptions();
    let state = INITIAL_WEDGE_STATE;
    let wake: number | undefined;
    for (const r of am) ({ state, wakeAt: wake } = stepWedge(state, r, options));
    const lastKey = 1000 + 9 * 4;
    expect(wake).toBe(lastKey + options.idleTimeoutMs + 1);
    const first = stepWedge(state, { type: 'idle', timeStamp: wake ?? 0 }, options);
    expect(first.effects).toEqual([]); // AM + 8 digits: a 9th could still come
    expect(first.wakeAt).toBe(lastKey + LATE_TERMINATOR_MS + 1);
    const second = stepWedge(first.state, { type: 'idle', timeStamp: first.wakeAt ?? 0 }, options);
    expect(scans(second.effects)).toEqual(['AM04519872']);
  });

  it('no terminator, then the reader’s Enter 400 ms late (a Bluetooth link): read once, that Enter kept', () => {
    const stream = [
      ...shiftHeld('A045198723', 1000, 3),
      down('Enter', 'Enter', 1430),
      up('Enter', 'Enter', 1432),
    ];
    const withIdle = [
      ...stream.slice(0, -2),
      { type: 'idle' as const, timeStamp: 1130 },
      ...stream.slice(-2),
    ];
    const effects = perRecord(withIdle);
    expect(scans(effects.flat())).toEqual(['A045198723']);
    expect(effects.at(-2)).toEqual([{ kind: 'suppress' }]);
    // A person's Enter after a key of theirs is theirs.
    const person = [
      ...withIdle.slice(0, -2),
      down('x', 'KeyX', 1300),
      up('x', 'KeyX', 1380),
      ...stream.slice(-2),
    ];
    expect(perRecord(person).at(-2)).toEqual([]);
  });

  it('explicit configuration narrows: Enter configured refuses a Tab reader', () => {
    const tab = shiftHeld('A045198723', 1000, 3, ['Tab', 'Tab']);
    expect(errors(run(tab, { terminator: 'Enter' }))).toEqual(['terminator-mismatch']);
    expect(errors(run(shiftHeld('A045198723', 1000, 3), { terminator: 'Enter' }))).toEqual([
      'terminator-missing',
    ]);
  });
});

describe('auto-repeat', () => {
  it('an Enter held long enough to repeat: read once, every repeat kept from the page, no refusal', () => {
    const stream = [
      ...shiftHeld('Y110029399', 1000, 3),
      down('Enter', 'Enter', 1030),
      down('Enter', 'Enter', 1060, { repeat: true }),
      down('Enter', 'Enter', 1090, { repeat: true }),
      up('Enter', 'Enter', 1100),
    ];
    const effects = perRecord(stream);
    expect(scans(effects.flat())).toEqual(['Y110029399']);
    expect(errors(effects.flat())).toEqual([]);
    expect(effects.at(-3)).toEqual([{ kind: 'suppress' }]);
    expect(effects.at(-2)).toEqual([{ kind: 'suppress' }]);
  });

  it('a repeated keydown that a dropped repeat would turn into another valid ID is refused, never read', () => {
    // AM + 8 zeros, the last typed as a repeat of the held key: without the repeat, AM + 7 zeros is no ID: read.
    const stream: Rec[] = [];
    const text = 'AM00000000';
    Array.from(text).forEach((c, i) => {
      const t = 1000 + 3 * i;
      const repeat = i === text.length - 1;
      stream.push(down(c, codeOf(c), t, { repeat }));
      if (!repeat && i !== text.length - 2) stream.push(up(c, codeOf(c), t + 1));
    });
    stream.push(up('0', 'Digit0', 1028), down('Enter', 'Enter', 1031), up('Enter', 'Enter', 1032));
    expect(scans(run(stream))).toEqual(['AM00000000']);
    // AM + 9 zeros with one repeat: without it, AM + 8 zeros is valid too: refused with repeated-key.
    const nine: Rec[] = [];
    Array.from('AM000000000').forEach((c, i, all) => {
      const t = 1000 + 3 * i;
      const repeat = i === all.length - 1;
      nine.push(down(c, codeOf(c), t, { repeat }));
      if (!repeat && i !== all.length - 2) nine.push(up(c, codeOf(c), t + 1));
    });
    nine.push(up('0', 'Digit0', 1031), down('Enter', 'Enter', 1034), up('Enter', 'Enter', 1035));
    const effects = run(nine);
    expect(scans(effects)).toEqual([]);
    expect(errors(effects)).toEqual(['repeated-key']);
  });
});

describe('Android, iPad and text-only readers', () => {
  it('keyCode 229 Unidentified keys with their text in beforeinput, Enter at the end', () => {
    const stream = [
      ...android('AM045198723', 1000, 5),
      down('Enter', 'Enter', 1060),
      up('Enter', 'Enter', 1061),
    ];
    expect(scans(run(stream))).toEqual(['AM045198723']);
  });

  it('iPad hardware keys with a key but no code', () => {
    const stream = Array.from('Z000010669').flatMap((c, i) => [
      down(c, '', 1000 + 4 * i),
      up(c, '', 1001 + 4 * i),
    ]);
    expect(scans(run([...stream, down('Enter', '', 1044), up('Enter', '', 1045)]))).toEqual(['Z000010669']);
  });

  it('text with no key events at all, ended by a line break or by silence', () => {
    const text = (s: string, start: number): Rec[] =>
      Array.from(s).map((c, i) => ({ type: 'input', text: c, timeStamp: start + 5 * i }));
    expect(scans(run(text('X000011986\n', 1000)))).toEqual(['X000011986']);
    expect(scans(run(text('X000011986', 1000)))).toEqual(['X000011986']);
    // An identified key's own text is not a second character.
    const keyed = Array.from('X000011986').flatMap((c, i): Rec[] => [
      down(c, codeOf(c), 1000 + 4 * i),
      { type: 'input', text: c, timeStamp: 1000.2 + 4 * i },
      up(c, codeOf(c), 1001 + 4 * i),
    ]);
    expect(scans(run([...keyed, down('Enter', 'Enter', 1044), up('Enter', 'Enter', 1045)]))).toEqual([
      'X000011986',
    ]);
  });

  it('keys never identified (no text ever came) are refused as such, never "not a card ID"', () => {
    const stream = Array.from('X000011986').flatMap((_, i) => [
      down('Unidentified', '', 1000 + 4 * i),
      up('Unidentified', '', 1001 + 4 * i),
    ]);
    const effects = run([...stream, down('Enter', 'Enter', 1044), up('Enter', 'Enter', 1045)]);
    expect(errors(effects)).toEqual(['keys-unidentified']);
    expect(errors(run(stream))).toEqual(['keys-unidentified']);
  });
});

describe('duplicates', () => {
  const reading = (id: string, start: number) => shiftHeld(id, start, 3, ['Enter', 'Enter']);
  const flags = (effects: readonly WedgeEffect[]) =>
    effects.flatMap((e) => (e.kind === 'scan' ? [[e.scan.id, e.scan.duplicate]] : []));

  it('the same card within the window is a duplicate; after it, or another card, is not', () => {
    const stream = [
      ...reading('A045198723', 1000),
      ...reading('A045198723', 2500),
      ...reading('Z000010669', 2700),
      ...reading('A045198723', 2900),
      ...reading('A045198723', 9000),
    ];
    expect(flags(run(stream))).toEqual([
      ['A045198723', false],
      ['A045198723', true],
      ['Z000010669', false],
      ['A045198723', false], // another card came in between
      ['A045198723', false],
    ]);
    const twice = [...reading('A045198723', 1000), ...reading('A045198723', 2500)];
    expect(flags(run(twice, { duplicateWindowMs: 0 }))).toEqual([
      ['A045198723', false],
      ['A045198723', false],
    ]);
  });

  it('two different cards 10 ms apart are never merged nor marked', () => {
    const stream = [...reading('A045198723', 1000), ...reading('A999005458', 1043)];
    expect(flags(run(stream))).toEqual([
      ['A045198723', false],
      ['A999005458', false],
    ]);
  });
});

describe('the page’s own fields and barcodes', () => {
  const inHost = (records: readonly Rec[]): Rec[] =>
    records.map((r) => (r.type === 'idle' ? r : { ...r, hostField: true }));

  it('an EAN-13 in a host field: given back, its Enter not suppressed, no refusal', () => {
    const stream = inHost(shiftHeld('6414893400012', 1000, 3, ['Enter', 'Enter']));
    const effects = perRecord(stream);
    const flat = effects.flat();
    expect(errors(flat)).toEqual([]);
    expect(flat.filter((e) => e.kind === 'release')).toHaveLength(1);
    expect(effects.at(-2)).not.toContainEqual({ kind: 'suppress' });
    // Outside the page's fields, it is refused as what it is.
    expect(errors(run(shiftHeld('6414893400012', 1000, 3, ['Enter', 'Enter'])))).toEqual(['not-a-card-id']);
  });

  it('gift cards, product codes and legacy codes typed by a reader into a host field are the page’s', () => {
    for (const code of ['GC2024000123', 'A12345', 'E1234', '50142', '9780201633610', 'X00001198']) {
      const effects = run(inHost(shiftHeld(code, 1000, 3, ['Tab', 'Tab'])));
      expect(errors(effects), code).toEqual([]);
      expect(scans(effects), code).toEqual([]);
    }
  });

  it('a card in a host field is taken; a card read wrongly there is refused (kept from the page)', () => {
    expect(scans(run(inHost(shiftHeld('A045198723', 1000, 3, ['Enter', 'Enter']))))).toEqual(['A045198723']);
    // A Y card from a US reader on a German computer: key says z, code says y.
    const y = inHost(shiftHeld('Y110029399', 1000, 3, ['Enter', 'Enter'])).map((r) =>
      r.type === 'keydown' && r.code === 'KeyY' ? { ...r, key: 'Z' } : r,
    );
    expect(errors(run(y))).toEqual(['layout-mismatch']);
  });

  it('pasting: a legacy pilot code is refused with legacy-code, but not in a host field', () => {
    const paste = (hostField: boolean): Rec => ({ type: 'paste', text: 'E1234', timeStamp: 5, hostField });
    const refused = run([paste(false)]).find((e) => e.kind === 'error');
    expect(refused?.kind === 'error' && refused.error.params.reason).toBe('legacy-code');
    expect(refused?.kind === 'error' && refused.error.message.fi.length).toBeGreaterThan(10);
    expect(run([paste(true)])).toEqual([]);
  });

  it("pasting: a card ID pasted into a host field is the page's, unless the host allows paste capture there", () => {
    const paste = (hostField: boolean): Rec => ({
      type: 'paste',
      text: 'A045198723',
      timeStamp: 5,
      hostField,
    });
    expect(scans(run([paste(false)]))).toEqual(['A045198723']);
    expect(run([paste(true)])).toEqual([]);
    expect(scans(run([paste(true)], { acceptPaste: 'anywhere' }))).toEqual(['A045198723']);
    expect(run([paste(false)], { acceptPaste: false })).toEqual([]);
  });
});

describe('a key’s own text (beforeinput) after it', () => {
  it('is no second character, also when key and code disagree or for an Alt+numpad code', () => {
    // German computer, US reader: key z for code KeyY; the field's beforeinput says z too.
    const y = Array.from('Y110029399').flatMap((c, i): Rec[] => {
      const key = c === 'Y' ? 'Z' : c;
      return [
        down(key, codeOf(c), 1000 + 4 * i, { shiftKey: c === 'Y' }),
        { type: 'input', text: key, timeStamp: 1000.2 + 4 * i },
        up(key, codeOf(c), 1001 + 4 * i),
      ];
    });
    expect(errors(run([...y, down('Enter', 'Enter', 1044), up('Enter', 'Enter', 1045)]))).toEqual([
      'layout-mismatch',
    ]);
    expect(
      scans(run([...y, down('Enter', 'Enter', 1044), up('Enter', 'Enter', 1045)], { layout: 'us' })),
    ).toEqual(['Y110029399']);
  });
});
