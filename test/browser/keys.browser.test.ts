import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { keyboardCapabilities, pressKeys, type KeyEvent } from '../support/keys.js';

// The portable key helper itself, in every engine: the page gets the keys asked for, in order, with the
// modifier flags a real keyboard gives, paced like a reader; what an engine's driver cannot send is refused by
// name before any key is sent (never sent wrongly).

type Seen = {
  type: string;
  key: string;
  code: string;
  shift: boolean;
  alt: boolean;
  repeat: boolean;
  t: number;
};
let seen: Seen[] = [];
const note = (e: KeyboardEvent) => {
  seen.push({
    type: e.type,
    key: e.key,
    code: e.code,
    shift: e.shiftKey,
    alt: e.altKey,
    repeat: e.repeat,
    t: e.timeStamp,
  });
  if (e.key === 'Tab' || e.key === 'Enter' || e.key === 'F9') e.preventDefault();
};
let input: HTMLInputElement;

beforeEach(() => {
  seen = [];
  document.addEventListener('keydown', note, { capture: true });
  document.addEventListener('keyup', note, { capture: true });
  input = document.createElement('input');
  document.body.append(input);
  input.focus();
});

afterEach(() => {
  document.removeEventListener('keydown', note, { capture: true });
  document.removeEventListener('keyup', note, { capture: true });
  input.remove();
});

const tap = (key: string, code: string, extra: Partial<KeyEvent> = {}, delayMs = 5): KeyEvent[] => [
  { type: 'keydown', key, code, delayMs, ...extra },
  { type: 'keyup', key, code, delayMs: 1, ...extra },
];

describe('the key helper', () => {
  it('delivers key, code and modifier flags as asked, in order', async () => {
    const events: KeyEvent[] = [
      { type: 'keydown', key: 'Shift', code: 'ShiftLeft', shiftKey: true, delayMs: 0 },
      ...tap('A', 'KeyA', { shiftKey: true }),
      { type: 'keyup', key: 'Shift', code: 'ShiftLeft', delayMs: 1 },
      ...tap('1', 'Digit1'),
      ...tap('-', 'Minus'),
      ...tap('7', 'Numpad7'),
      ...tap('End', 'Numpad1'),
      ...tap('F9', 'F9'),
      ...tap('Tab', 'Tab'),
      ...tap('Enter', 'Enter'),
    ];
    await pressKeys(events);
    const downs = seen
      .filter((s) => s.type === 'keydown')
      .map((s) => `${s.key} ${s.code}${s.shift ? ' ⇧' : ''}`);
    expect(downs).to.deep.equal([
      'Shift ShiftLeft ⇧',
      'A KeyA ⇧',
      '1 Digit1',
      '- Minus',
      '7 Numpad7',
      'End Numpad1',
      'F9 F9',
      'Tab Tab',
      'Enter Enter',
    ]);
    expect(seen.filter((s) => s.type === 'keyup').length).to.equal(9);
    expect(input.value).to.equal('A1-7');
  });

  it('paces the keys: never faster than asked, a 10-key burst within a reader-like time', async () => {
    const events = Array.from({ length: 10 }, (_, i) => tap(String(i), `Digit${i}`, {}, 20)).flat();
    await pressKeys(events);
    const downs = seen.filter((s) => s.type === 'keydown');
    expect(downs.map((s) => s.key).join('')).to.equal('0123456789');
    const span = downs[9]!.t - downs[0]!.t;
    const gaps = downs.slice(1).map((s, i) => Math.round(s.t - downs[i]!.t));
    // 9 gaps of 21 ms asked (20 + the 1 ms hold): the driver may add, never remove, time.
    expect(span, `gaps ${gaps.join(', ')}`).to.be.at.least(9 * 21 - 9);
    const caps = await keyboardCapabilities();
    if (caps.stampedTimes) expect(gaps, 'stamped: the schedule itself').to.deep.equal(gaps.map(() => 21));
  });

  it('repeats a key held down, as a keyboard does', async () => {
    await pressKeys([
      { type: 'keydown', key: 'x', code: 'KeyX', delayMs: 0 },
      { type: 'keydown', key: 'x', code: 'KeyX', repeat: true, delayMs: 30 },
      { type: 'keyup', key: 'x', code: 'KeyX', delayMs: 5 },
    ]);
    expect(seen.map((s) => `${s.type} ${s.repeat}`)).to.deep.equal([
      'keydown false',
      'keydown true',
      'keyup false',
    ]);
  });

  it('refuses, by name and before any key, what the driver cannot send; CDP sends it as asked', async () => {
    const caps = await keyboardCapabilities();
    const german = [...tap('a', 'KeyA'), ...tap('z', 'KeyY')];
    const result = (await executeServerCommand('kaiku-keyboard', { events: german })) as {
      count: number;
      unsupported?: string;
    };
    if (caps.anyLayout) {
      expect(result).to.deep.equal({ count: 4 });
      expect(seen.filter((s) => s.type === 'keydown').map((s) => `${s.key} ${s.code}`)).to.deep.equal([
        'a KeyA',
        'z KeyY',
      ]);
    } else {
      expect(result.count).to.equal(0);
      expect(result.unsupported).to.match(/"z" with code "KeyY"/);
      expect(seen, 'nothing sent').to.deep.equal([]);
    }
  });
});
