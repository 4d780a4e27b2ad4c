// The listener of `@kaiku-scanner/core/wedge` loads its classifier (the engine) on demand. Keys that arrive while it
// loads are real keys at a reader's pace (1–20 ms apart): none may be lost or reordered, a card read meanwhile is
// reported once the engine is there and taken back out of the page's field, and what a person typed stays the page's.
// The engine's arrival is held back by the test (a promise it resolves or rejects), as a slow or failing chunk would.
import { expect } from '@esm-bundle/chai';
import {
  listenForWedge,
  type EngineLoader,
  type WedgeEngine,
  type WedgeListener,
} from './listen-for-wedge.js';
import * as engineModule from './wedge-engine.js';
import { emulateReader, emulateTyping } from './emulate-reader.test-support.js';
import {
  errors,
  field,
  keep,
  pressRecords,
  report,
  scannerGap,
  scans,
  sleep,
  useWedgePage,
} from '../../../../../test/support/wedge-keys.js';
import { until } from '../../../../../test/support/until.js';

/** An engine the test hands over when it chooses (`arrive`), or refuses (`fail`). */
function heldEngine() {
  let resolve!: (m: WedgeEngine) => void;
  let reject!: (e: Error) => void;
  let calls = 0;
  const loader: EngineLoader = () => {
    calls += 1;
    return new Promise<WedgeEngine>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return {
    loader,
    calls: () => calls,
    arrive: () => resolve(watched),
    fail: () => reject(new TypeError('Failed to fetch dynamically imported module')),
  };
}

/**
 * The engine the tests hand over: the real one, watched. After each step it notes whether the listener has a timer to
 * run for it (to feed it the silence after a burst); with none and every key in, nothing more can be reported.
 */
const watched: WedgeEngine = {
  ...engineModule,
  stepWedge: (state, record, options) => {
    const step = engineModule.stepWedge(state, record, options);
    [stepped, timerDue] = [true, step.wakeAt !== undefined];
    return step;
  },
};
let [stepped, timerDue] = [false, false];
beforeEach(() => ([stepped, timerDue] = [false, false]));

/**
 * Waits until `count` scans and errors have been reported, or the engine has nothing left to report: the
 * assertions then say whether it was the right outcome. (Waiting for scans alone ran to the 60 s hang guard for
 * every reading refused or taken as typing, in WebKit on a loaded machine each run whose keys the driver distorted.)
 */
const reported = (count: number): Promise<void> =>
  until(() => scans.length + errors.length >= count || (stepped && !timerDue));

function listen(loader: EngineLoader): WedgeListener {
  return keep(listenForWedge(report, () => Promise.reject(new Error('no calibration here')), loader));
}

useWedgePage();

describe('keys that arrive while the wedge engine loads', () => {
  it('two cards read back to back before the engine is there are both reported, in order', async () => {
    const engine = heldEngine();
    listen(engine.loader);
    await pressRecords(emulateReader('A045198723', { gapMs: scannerGap }));
    await pressRecords(emulateReader('Y110029399', { gapMs: scannerGap }));
    await sleep(50);
    expect(scans).to.deep.equal([]);
    engine.arrive();
    await reported(2);
    await sleep(100);
    expect(scans.map((s) => s.id)).to.deep.equal(['A045198723', 'Y110029399']);
    expect(errors).to.deep.equal([]);
    // And the engine reads live keys from then on.
    await pressRecords(emulateReader('X000011986', { gapMs: scannerGap }));
    await reported(3);
    expect(scans.map((s) => s.id)).to.deep.equal(['A045198723', 'Y110029399', 'X000011986']);
    expect(engine.calls()).to.equal(1);
  });

  it('a card read into the page’s field meanwhile is taken back out of it once the engine is there', async () => {
    const engine = heldEngine();
    listen(engine.loader);
    const input = field('Lippu ');
    await pressRecords(emulateReader('X000011986', { gapMs: scannerGap, terminator: 'none' }));
    // The keys went their way (nothing could keep them from the page yet)…
    expect(input.value).to.equal('Lippu X000011986');
    engine.arrive();
    await reported(1);
    await sleep(50);
    // …and the card is read and out of the field, the page's own text kept.
    expect(scans.map((s) => s.id)).to.deep.equal(['X000011986']);
    expect(input.value).to.equal('Lippu ');
    expect(errors).to.deep.equal([]);
  });

  it('what a person types meanwhile stays in the page’s field: no scan, nothing taken', async () => {
    const engine = heldEngine();
    listen(engine.loader);
    const input = field();
    await pressRecords(emulateTyping('A045198723', { gapMs: 120 }));
    engine.arrive();
    await sleep(400);
    expect(input.value).to.equal('A045198723');
    expect(scans).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('an engine that cannot load is reported at once, and loaded again at the next key', async () => {
    const engine = heldEngine();
    listen(engine.loader);
    engine.fail();
    await until(() => errors.length >= 1);
    expect(errors.map((e) => e.code)).to.deep.equal(['wedge-unavailable']);
    expect(errors[0]?.message.fi).to.match(/verkkoyhteys/);
    expect(errors[0]?.message.sv).to.match(/nätverksanslutningen/);
    expect(errors[0]?.message.en).to.match(/network connection/);
    expect(engine.calls()).to.equal(1);
    // The network is back: the next reading starts a new load, and its keys are read once it is there.
    await pressRecords(emulateReader('A045198723', { gapMs: scannerGap }));
    expect(engine.calls()).to.equal(2);
    engine.arrive();
    await reported(2);
    expect(scans.map((s) => s.id)).to.deep.equal(['A045198723']);
    expect(errors.map((e) => e.code)).to.deep.equal(['wedge-unavailable']);
  });

  it('after a failed load, an engine at hand by the next key (another listener loaded it) reads that key too', async () => {
    let calls = 0;
    listen(() => (++calls === 1 ? Promise.reject(new TypeError('Failed to fetch')) : watched));
    await until(() => errors.length >= 1);
    // Lower case: no Shift before it, its first event is the card's first character.
    await pressRecords(emulateReader('a045198723', { gapMs: scannerGap }));
    await reported(2);
    expect(calls).to.equal(2);
    expect(scans.map((s) => s.id)).to.deep.equal(['A045198723']);
    expect(errors.map((e) => e.code)).to.deep.equal(['wedge-unavailable']);
  });
});
