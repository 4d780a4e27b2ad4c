import { expect } from '@esm-bundle/chai';
import { emulateReader, type EmulatedReader, type EmulatedRecord } from './emulate-reader.test-support.js';
import {
  codes,
  countingForm,
  fixture,
  ids,
  listen,
  pressRecords as press,
  primeWedgeEngine,
  settled,
  useWedgePage,
} from '../../../../../test/support/wedge-keys.js';

// Readers' timing and framing in the browser, through the engine's real input pipeline (test/support/keys.ts: in
// Chromium CDP Input.dispatchKeyEvent, each event stamped with its scheduled time as an OS stamps a real key; in
// Firefox and WebKit one WebDriver key action sequence): rollover, auto-repeat, control characters, late and
// doubled terminators, scans back to back, a person typing before a scan, and slow Bluetooth readers. The same
// streams without a browser: reader-timing.test.ts.

before(primeWedgeEngine);
useWedgePage();

const rollover: EmulatedReader = { gapMs: 1, holdMs: 4 };

describe('fast, repeating and framing readers, in the browser', () => {
  it('a rollover reader (keys 1 ms apart, each held 4 ms) in a textarea: read, the notes kept', async () => {
    listen();
    const area = document.createElement('textarea');
    area.value = 'Muistiinpano\n';
    fixture.append(area);
    area.focus();
    area.setSelectionRange(area.value.length, area.value.length);
    await press(emulateReader('AM045198723', rollover));
    await settled();
    expect(ids()).to.deep.equal(['AM045198723']);
    expect(codes()).to.deep.equal([]);
    expect(area.value).to.equal('Muistiinpano\n');
  });

  it('a reader holding a key with auto-repeat for doubled digits (X000011986)', async () => {
    listen();
    const input = document.createElement('input');
    fixture.append(input);
    input.focus();
    await press(emulateReader('X000011986', { gapMs: 3, holdMs: 1, repeatDoubles: true }));
    await settled();
    expect(ids()).to.deep.equal(['X000011986']);
    expect(input.value).to.equal('');
  });

  it('STX/ETX as Ctrl+B and Ctrl+C around the ID: read, nothing left in the field', async () => {
    listen();
    const input = document.createElement('input');
    fixture.append(input);
    input.focus();
    const body = emulateReader('Y110029399', { gapMs: 4, start: 1010 });
    const enter = body.splice(-2).map((r) => ({ ...r, timeStamp: r.timeStamp + 6 }));
    const end = (enter[0]?.timeStamp ?? 0) - 3;
    const ctrl = (key: string, t: number): EmulatedRecord[] => [
      { type: 'keydown', key: 'Control', code: 'ControlLeft', timeStamp: t - 0.5, ctrlKey: true },
      { type: 'keydown', key, code: `Key${key.toUpperCase()}`, timeStamp: t, ctrlKey: true },
      { type: 'keyup', key, code: `Key${key.toUpperCase()}`, timeStamp: t + 0.5, ctrlKey: true },
      { type: 'keyup', key: 'Control', code: 'ControlLeft', timeStamp: t + 1 },
    ];
    await press([...ctrl('b', 1006), ...body, ...ctrl('c', end), ...enter]);
    await settled();
    expect(ids()).to.deep.equal(['Y110029399']);
    expect(input.value).to.equal('');
  });

  it('a terminator 500 ms late still reads, and its Enter does not submit the form', async () => {
    listen();
    const {
      inputs: [input],
      submits,
    } = countingForm();
    await press(emulateReader('A045198723', { gapMs: (i) => (i === 10 ? 500 : 3) }));
    await settled();
    expect(ids()).to.deep.equal(['A045198723']);
    expect(input.value).to.equal('');
    expect(submits()).to.equal(0);
  });

  it('CR+LF as two Enters: read once, and the second Enter does not submit the form', async () => {
    listen();
    const { submits } = countingForm();
    const reading = emulateReader('A045198723', { gapMs: 3 });
    const end = reading[reading.length - 1]?.timeStamp ?? 0;
    await press([
      ...reading,
      { type: 'keydown', key: 'Enter', code: 'Enter', timeStamp: end + 3 },
      { type: 'keyup', key: 'Enter', code: 'Enter', timeStamp: end + 4 },
    ]);
    await settled();
    expect(ids()).to.deep.equal(['A045198723']);
    expect(codes()).to.deep.equal([]);
    expect(submits()).to.equal(0);
  });

  it('two scans 20 ms apart are both read, in order', async () => {
    listen();
    const first = emulateReader('A045198723', { gapMs: 3, start: 1000 });
    const last = first[first.length - 1]?.timeStamp ?? 1000;
    await press([...first, ...emulateReader('Z000010669', { gapMs: 3, start: last + 20 })]);
    await settled(2);
    expect(ids()).to.deep.equal(['A045198723', 'Z000010669']);
  });

  it('a person typing (80–120 ms) keeps every character when a scan arrives right after', async () => {
    listen();
    const input = document.createElement('input');
    fixture.append(input);
    input.focus();
    const typed = emulateReader('kaiku', { gapMs: (i) => 80 + ((i * 13) % 41), terminator: 'none' });
    const last = typed[typed.length - 1]?.timeStamp ?? 1000;
    await press([...typed, ...emulateReader('A999005458', { gapMs: 4, start: last + 150 })]);
    await settled();
    expect(ids()).to.deep.equal(['A999005458']);
    expect(input.value).to.equal('kaiku');
  });
});

describe('slow Bluetooth readers, in the browser', () => {
  const jitter = (i: number) => 30 + ((i * 37) % 31); // 30–60 ms
  const slow = { maxInterKeyMs: 100, maxMedianInterKeyMs: 70 };

  it('with its timing set, a jittery reader is read and nothing stays in the field', async () => {
    listen(slow);
    const input = document.createElement('input');
    fixture.append(input);
    input.focus();
    await press(emulateReader('Z000010669', { gapMs: jitter }));
    await settled();
    expect(ids()).to.deep.equal(['Z000010669']);
    expect(input.value).to.equal('');
  });

  it('a 300 ms stall mid-burst: one interrupted reading, no card read, nothing left in the field', async () => {
    listen({ ...slow, terminator: 'Enter' });
    // A card field: in the page's own fields, a reading that is no card is the page's (pos-pages tests).
    const input = document.createElement('input');
    input.setAttribute('data-kaiku-card-input', '');
    fixture.append(input);
    input.focus();
    await press(emulateReader('AM000010669', { gapMs: (i) => jitter(i) + (i === 5 ? 300 : 0) }));
    await settled(1, 600);
    expect(ids()).to.deep.equal([]);
    expect(codes()).to.deep.equal(['reading-interrupted']);
    expect(input.value).to.equal('');
  });
});
