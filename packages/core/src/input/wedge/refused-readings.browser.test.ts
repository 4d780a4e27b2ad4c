import { expect } from '@esm-bundle/chai';
import { emulateReader, type EmulatedRecord } from './emulate-reader.test-support.js';
import {
  codes,
  fixture,
  ids,
  listen,
  pressRecords as press,
  primeWedgeEngine,
  settled,
  useWedgePage,
} from '../../../../../test/support/wedge-keys.js';

// A reading the listener refused stays the reader's (issue 38), through the engine's real input pipeline
// (test/support/keys.ts: CDP in Chromium, one WebDriver key action sequence in Firefox and WebKit; a sequence a
// driver cannot send, such as a repeated keydown, skips the test there with the reason): its CR+LF stays out of the
// page, a held key's repeats do not lose a good card, and a stall is one interrupted reading.

before(primeWedgeEngine);
useWedgePage();

const fast = { gapMs: 4, holdMs: 1 };

/** A point-of-sale confirm button with focus: the Enter and Ctrl keys that reached it, its clicks and its form's submits. */
function confirmButton() {
  const form = document.createElement('form');
  const button = document.createElement('button');
  button.type = 'submit';
  form.append(button);
  fixture.append(form);
  const seen: string[] = [];
  let clicks = 0;
  let submits = 0;
  // A reader's first keys reach the page until its burst is recognized; its Enter and line feed must not.
  button.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || (e.ctrlKey && e.key !== 'Control'))
      seen.push(e.ctrlKey ? `Ctrl+${e.key}` : e.key);
  });
  button.addEventListener('click', () => clicks++);
  form.addEventListener('submit', (e) => {
    submits++;
    e.preventDefault();
  });
  button.focus();
  return { seen, clicks: () => clicks, submits: () => submits };
}

/** The reading's records, then a line feed 2 ms after its Enter: a second Enter, or Ctrl+J. */
function withLineFeed(records: EmulatedRecord[], lineFeed: 'Enter' | 'Ctrl+J'): EmulatedRecord[] {
  const t = Math.max(...records.map((r) => r.timeStamp)) + 2;
  if (lineFeed === 'Enter') {
    const enter = { key: 'Enter', code: 'Enter' };
    return [
      ...records,
      { type: 'keydown', ...enter, timeStamp: t },
      { type: 'keyup', ...enter, timeStamp: t + 1 },
    ];
  }
  const ctrl = { key: 'Control', code: 'ControlLeft', ctrlKey: true };
  const j = { key: 'j', code: 'KeyJ', ctrlKey: true };
  return [
    ...records,
    { type: 'keydown', ...ctrl, timeStamp: t },
    { type: 'keydown', ...j, timeStamp: t + 0.5 },
    { type: 'keyup', ...j, timeStamp: t + 1 },
    { type: 'keyup', key: 'Control', code: 'ControlLeft', timeStamp: t + 1.5 },
  ];
}

describe('a refused reading stays the reader’s', () => {
  it('an old pilot code ended with Enter Enter: refused, no click, no submit', async () => {
    listen();
    const button = confirmButton();
    await press(withLineFeed(emulateReader('E1234', fast), 'Enter'));
    await settled(1, 200);
    expect(codes()).to.deep.equal(['not-a-card-id']);
    expect(button.seen, 'Enter and Ctrl keys that reached the button').to.deep.equal([]);
    expect(button.clicks()).to.equal(0);
    expect(button.submits()).to.equal(0);
  });

  it('a reading with a dropped key ended with Enter and Ctrl+J: refused, the line feed kept from the page', async () => {
    listen();
    const button = confirmButton();
    await press(withLineFeed(emulateReader('A04519872', fast), 'Ctrl+J'));
    await settled(1, 200);
    expect(codes()).to.deep.equal(['not-a-card-id']);
    expect(button.seen, 'Enter and Ctrl keys that reached the button').to.deep.equal([]);
    expect(button.clicks()).to.equal(0);
  });

  it('a key held for two repeats inside a reading: read without them', async () => {
    listen();
    const button = confirmButton();
    // A045198723 with its 5 held: two keydowns with `repeat: true` before the key comes up.
    const records = emulateReader('A045198723', { gapMs: 6, holdMs: 1 }).flatMap((r): EmulatedRecord[] => {
      if (r.type === 'keydown' && r.key === '5') {
        const repeats = [2, 4].map((ms) => ({ ...r, repeat: true, timeStamp: r.timeStamp + ms }));
        return [r, ...repeats];
      }
      return r.type === 'keyup' && r.key === '5' ? [{ ...r, timeStamp: r.timeStamp + 4 }] : [r];
    });
    await press(records);
    await settled(1, 200);
    expect(codes()).to.deep.equal([]);
    expect(ids()).to.deep.equal(['A045198723']);
    expect(button.clicks()).to.equal(0);
  });

  it('a stall of 250 ms after the fifth key: one interrupted reading, not two pilot codes', async () => {
    listen();
    const button = confirmButton();
    await press(emulateReader('A045198723', { gapMs: (i) => (i === 5 ? 250 : 4), holdMs: 1 }));
    await settled(1, 300);
    expect(ids()).to.deep.equal([]);
    expect(codes()).to.deep.equal(['reading-interrupted']);
    expect(button.seen, 'Enter and Ctrl keys that reached the button').to.deep.equal([]);
    expect(button.clicks()).to.equal(0);
  });
});
