import { describe, expect, it } from 'vitest';
import { charForCode, layoutsTyping, matchesTerminator, numpadDigit, WEDGE_LAYOUTS } from './layouts.js';
import type { WedgeTerminator } from './types.js';
import { classifyWedgeStream } from './wedge-streams.test-support.js';
import { emulateReader, keyForChar } from './emulate-reader.test-support.js';

const POSITIONS = [
  ...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ', (l) => `Key${l}`),
  ...Array.from('1234567890', (d) => `Digit${d}`),
  ...['Minus', 'Equal', 'BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Backquote'],
  ...['Comma', 'Period', 'Slash', 'IntlBackslash', 'Space'],
];

describe('layout tables', () => {
  it.each([
    ['us', 'KeyY', false, 'y'],
    ['us', 'Digit3', true, '#'],
    ['us', 'Quote', true, '"'],
    ['us', 'IntlBackslash', false, undefined],
    ['fi', 'BracketLeft', true, 'Å'],
    ['fi', 'Digit4', true, '¤'],
    ['fi', 'Equal', false, undefined],
    ['fi', 'Slash', false, '-'],
    ['sv', 'Semicolon', false, 'ö'],
    ['de', 'KeyY', false, 'z'],
    ['de', 'KeyZ', true, 'Y'],
    ['de', 'Digit3', true, '§'],
    ['de', 'Backquote', false, undefined],
    ['de', 'Backquote', true, '°'],
    ['de', 'Backslash', true, "'"],
    ['fr', 'KeyQ', false, 'a'],
    ['fr', 'KeyW', true, 'Z'],
    ['fr', 'KeyM', false, ','],
    ['fr', 'KeyM', true, '?'],
    ['fr', 'Semicolon', true, 'M'],
    ['fr', 'Digit1', false, '&'],
    ['fr', 'Digit0', true, '0'],
    ['fr', 'Digit7', false, 'è'],
    ['fr', 'Backquote', true, undefined],
    ['fr', 'Space', true, ' '],
  ] as const)('%s %s (shift %s) types %j', (layout, code, shift, typed) => {
    expect(charForCode(layout, code, shift)).toBe(typed);
  });

  it('numpad keys type the same on every layout, with or without Shift', () => {
    for (const layout of WEDGE_LAYOUTS) {
      expect(charForCode(layout, 'Numpad7', false)).toBe('7');
      expect(charForCode(layout, 'Numpad0', true)).toBe('0');
      expect(charForCode(layout, 'NumpadDivide', false)).toBe('/');
      expect(charForCode(layout, 'NumpadDecimal', false)).toBe('.');
    }
    expect(numpadDigit('Numpad9')).toBe('9');
    expect(numpadDigit('NumpadAdd')).toBeUndefined();
    expect(numpadDigit('Digit9')).toBeUndefined();
  });

  it('keyForChar is the inverse of charForCode for every character a layout types', () => {
    for (const layout of WEDGE_LAYOUTS) {
      for (const code of POSITIONS) {
        for (const shift of [false, true]) {
          const typed = charForCode(layout, code, shift);
          if (typed === undefined) continue;
          const key = keyForChar(layout, typed);
          expect(key, `${layout} ${typed}`).toBeDefined();
          expect(charForCode(layout, key?.code ?? '', key?.shift ?? false)).toBe(typed);
        }
      }
    }
    expect(keyForChar('us', '€')).toBeUndefined();
    expect(keyForChar('us', '·')).toBeUndefined();
  });

  it('names the host layouts on which a key types what `key` said (fi standing for sv)', () => {
    expect(layoutsTyping('KeyY', 'z', false)).toEqual(['de']);
    expect(layoutsTyping('Digit1', '&', false)).toEqual(['fr']);
    expect(layoutsTyping('KeyA', 'A', true)).toEqual(['us', 'fi', 'de']);
  });

  it('codes named like Object.prototype members are unknown positions, not crashes', () => {
    for (const code of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(charForCode('us', code, false)).toBeUndefined();
      expect(layoutsTyping(code, 'a', false)).toEqual([]);
    }
    const records = emulateReader('A045198723').map((r) =>
      r.type !== 'input' && r.code === 'Digit4' ? { ...r, code: 'toString' } : r,
    );
    const scans = classifyWedgeStream(records).filter((e) => e.kind === 'scan');
    expect(scans.map((e) => e.kind === 'scan' && e.scan.id)).toEqual(['A045198723']);
  });
});

describe('matchesTerminator', () => {
  const enter = { type: 'keydown', key: 'Enter', code: 'Enter', timeStamp: 0 } as const;
  const tab = { type: 'keydown', key: 'Tab', code: 'Tab', timeStamp: 0 } as const;
  it('matches Enter and Tab as configured', () => {
    expect([matchesTerminator(enter, 'auto'), matchesTerminator(tab, 'auto')]).toEqual([true, true]);
    expect([matchesTerminator(enter, 'Enter'), matchesTerminator(tab, 'Enter')]).toEqual([true, false]);
    expect([matchesTerminator(enter, 'Tab'), matchesTerminator(tab, 'Tab')]).toEqual([false, true]);
    expect([matchesTerminator(enter, 'none'), matchesTerminator(tab, 'none')]).toEqual([false, false]);
  });
  it('takes a string it does not know (plain JS, a tampered profile) for no terminator, never for auto', () => {
    for (const odd of ['NONE', 'enter', 'tab', 'Auto'])
      expect([
        matchesTerminator(enter, odd as WedgeTerminator),
        matchesTerminator(tab, odd as WedgeTerminator),
      ]).toEqual([false, false]);
  });
});
