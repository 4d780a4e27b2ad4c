import { expect } from '@esm-bundle/chai';
import { createWedgeListener, type WedgeListener } from './listen-for-wedge.js';
import { listenForWedge, type WedgeListenerOptions } from './listen-for-wedge.js';
import { startCalibration } from './calibrate-wedge.js';
import * as engine from './wedge-engine.js';
import { emulateReader, type EmulatedRecord } from './emulate-reader.test-support.js';
import type { WedgeScan } from './types.js';

/** The listener with its classifier and calibration at hand (no `import()`). */
const createWithCalibration = (options: WedgeListenerOptions) =>
  listenForWedge(
    options,
    () => Promise.resolve(startCalibration),
    () => engine,
  );

// `calibrate()` loads the calibration code with `import()`: whatever arrives before that chunk is there must be
// captured (kept from the page, learned from) exactly as afterwards. Events are dispatched synchronously right
// after the call, so they always arrive before the dynamic import can have resolved, even when it is cached.
// A listener with calibration at hand (handed over through a resolved promise) must behave the same.

/** Dispatches a reader's keys at once; returns the keydowns' events to check what the page was left with. */
function dispatch(records: readonly EmulatedRecord[], target: EventTarget = document.body): KeyboardEvent[] {
  const downs: KeyboardEvent[] = [];
  for (const r of records) {
    if (r.type === 'input') continue;
    const event = new KeyboardEvent(r.type, {
      key: r.key,
      code: r.code,
      shiftKey: r.shiftKey === true,
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    target.dispatchEvent(event);
    if (r.type === 'keydown') downs.push(event);
  }
  return downs;
}

let listener: WedgeListener | undefined;
let scans: WedgeScan[] = [];

beforeEach(() => {
  scans = [];
});

afterEach(() => {
  listener?.stop();
  listener = undefined;
});

const FACTORIES = [
  ['@kaiku-scanner/core/wedge (calibration on demand)', createWedgeListener],
  ['calibration at hand', createWithCalibration],
] as const;

for (const [name, create] of FACTORIES)
  describe(`calibrate(), listener of ${name}`, () => {
    function listen(): WedgeListener {
      listener = create({ onScan: (scan) => scans.push(scan) });
      return listener;
    }

    it('captures the keys that arrive while the calibration code loads, keeps them from the page and learns from them', async () => {
      const handle = listen();
      const learning = handle.calibrate({ timeoutMs: 5_000 });
      const downs = dispatch(emulateReader('A045198723', { prefix: '$', terminator: 'Tab' }));
      expect(downs.length).to.be.above(11);
      expect(downs.every((e) => e.defaultPrevented)).to.equal(true);
      const result = await learning;
      expect(result.ok && result.id).to.equal('A045198723');
      expect(handle.profile).to.include({ prefix: '$', terminator: 'Tab' });
      expect(scans).to.deep.equal([]);
    });

    it('reads cards with the learned profile once calibration is over, and lets keys through again', async () => {
      const handle = listen();
      // A Y card reads as a Z card through a German layout: the printed ID settles it.
      const learning = handle.calibrate({ timeoutMs: 5_000, expectedId: 'Y110029399' });
      dispatch(emulateReader('Y110029399', { suffix: '#' }));
      expect((await learning).ok).to.equal(true);
      expect(handle.profile.suffix).to.equal('#');
      const reader = dispatch(emulateReader('A045198723', { suffix: '#' }));
      // From the reader's fourth key on (modifiers never are), every key is kept from the page.
      const kept = reader.filter((e) => e.key !== 'Shift').slice(3);
      expect(kept.map((e) => `${e.key}:${e.defaultPrevented}`)).to.deep.equal(
        kept.map((e) => `${e.key}:true`),
      );
      expect(scans.map((s) => s.id)).to.deep.equal(['A045198723']);
      const person = dispatch([{ type: 'keydown', key: 'a', code: 'KeyA', timeStamp: 0 }]);
      expect(person[0]?.defaultPrevented).to.equal(false);
    });

    it('stop() while the code loads ends the calibration as timed out and releases the keys', async () => {
      const handle = listen();
      const learning = handle.calibrate({ timeoutMs: 5_000 });
      handle.stop();
      const result = await learning;
      expect(result.ok).to.equal(false);
      expect(!result.ok && result.error.code).to.equal('calibration-timeout');
      expect(!result.ok && result.error.message.fi).to.match(/Kalibrointi/);
      const downs = dispatch(emulateReader('A045198723'));
      expect(downs.some((e) => e.defaultPrevented)).to.equal(false);
    });

    it('a second calibrate() ends the first as timed out and learns from the keys that follow it', async () => {
      const handle = listen();
      const first = handle.calibrate({ timeoutMs: 5_000 });
      const second = handle.calibrate({ timeoutMs: 5_000 });
      dispatch(emulateReader('A045198723', { terminator: 'Tab' }));
      const [a, b] = await Promise.all([first, second]);
      expect(!a.ok && a.error.code).to.equal('calibration-timeout');
      expect(b.ok && b.profile.terminator).to.equal('Tab');
    });

    it('gives up after timeoutMs, counted from the call, without a reading', async () => {
      const handle = listen();
      const started = performance.now();
      const result = await handle.calibrate({ timeoutMs: 300 });
      expect(!result.ok && result.error.code).to.equal('calibration-timeout');
      expect(performance.now() - started).to.be.below(3_000);
    });
  });

describe('calibrate() when the calibration chunk cannot be loaded', () => {
  it('resolves calibration-unavailable, and the listener reads cards again at once', async () => {
    const handle = listenForWedge(
      { onScan: (scan) => scans.push(scan) },
      () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
      () => engine,
    );
    listener = handle;
    const learning = handle.calibrate({ timeoutMs: 5_000 });
    const during = dispatch(emulateReader('A045198723'));
    expect(during.every((e) => e.defaultPrevented)).to.equal(true);
    const result = await learning;
    expect(!result.ok && result.error.code).to.equal('calibration-unavailable');
    expect(!result.ok && result.error.message.en).to.match(/could not be loaded/);
    expect(scans).to.deep.equal([]);
    dispatch(emulateReader('Y110029399'));
    expect(scans.map((s) => s.id)).to.deep.equal(['Y110029399']);
  });
});
