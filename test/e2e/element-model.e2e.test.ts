// The terminal under any sequence (issue 45): a model-based test (fast-check `commands`) of <kaiku-scanner> in
// Chromium against the real sandbox behind a proxy that can go away. The clerk reads cards (reader keys, typed, the
// host's call), changes children, confirms, undoes from the result and from the shift list, clicks the element's own
// controls, switches show and mode, reloads, closes the tab while a usage is being sent; the network and Kaikukanta
// go and come back; another terminal registers the same card; the server's clock passes the void window. After every
// step the invariants (terminal-model.ts) are checked against what the screen shows and what the sandbox holds.
// `KAIKU_MODEL_RUNS=<n>` runs longer (the bench `terminal-model`), `FC_SEED=<n>` replays a seed; the seed is printed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { useHarness } from '../support/element-harness.js';
import { seedFastCheck } from '../support/fast-check-seed.js';
import {
  Cards,
  Confirm,
  ConfirmThenClose,
  IdleMeter,
  OtherTerminal,
  PassVoidWindow,
  Read,
  ClickThenRead,
  Reload,
  SetChildren,
  SetKaikukanta,
  SetNetwork,
  SwitchMode,
  SwitchShow,
  UndoFromList,
  UndoFromResult,
  runSequence,
  serverUsages,
  type Step,
} from '../support/terminal-model.js';

const harness = useHarness({ proxy: true });

const card = fc.constantFrom(...Cards.valid, ...Cards.refused, ...Cards.malformed);
const steps: fc.Arbitrary<Step>[] = [
  fc.tuple(card, fc.constantFrom('wedge', 'typed', 'api' as const)).map(([c, how]) => new Read(c, how)),
  fc.constantFrom(...Cards.valid).map((c) => new Read(c, 'wedge')),
  fc.integer({ min: 0, max: 2 }).map((n) => new SetChildren(n)),
  fc.constant(new Confirm()),
  fc.constant(new Confirm()),
  fc.boolean().map((landed) => new ConfirmThenClose(landed)),
  fc.constant(new UndoFromResult()),
  fc.constant(new UndoFromList()),
  fc.boolean().map((on) => new SetNetwork(on)),
  fc.boolean().map((up) => new SetKaikukanta(up)),
  fc.constant(new Reload()),
  fc
    .tuple(fc.constantFrom('booking', 'collection', 'sound', 'vibration', 'privacy' as const), card)
    .map(([control, c]) => new ClickThenRead(control, c)),
  fc.constantFrom('hilla-taikuri-matti', 'hilla-kamari').map((id) => new SwitchShow(id)),
  fc.constantFrom('booking', 'collection' as const).map((m) => new SwitchMode(m)),
  fc.constantFrom(...Cards.valid).map((c) => new OtherTerminal(c)),
  fc.constant(new PassVoidWindow()),
];

const runs = Number(process.env['KAIKU_MODEL_RUNS'] ?? 0);

describe('the terminal under any sequence (model)', () => {
  it(
    `holds every invariant after every step (${runs || 'bounded'} sequences)`,
    async () => {
      const seed = seedFastCheck(process.env['FC_SEED']);
      console.log(`terminal model: seed ${seed}`);
      const started = Date.now();
      let sequences = 0;
      let total = 0;
      await fc.assert(
        fc.asyncProperty(fc.commands(steps, { maxCommands: 12, size: 'max' }), async (cmds) => {
          sequences++;
          total += await runSequence(harness(), [...cmds]);
        }),
        { numRuns: runs || 16, ...(runs ? {} : { interruptAfterTimeLimit: 170_000 }) },
      );
      console.log(
        `terminal model: ${sequences} sequences, ${total} steps, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
      expect(sequences).toBeGreaterThan(0);
    },
    runs ? 24 * 3_600_000 : 200_000,
  );
});

// The counterexamples the model found before the fixes (issue 45), shrunk, each with the invariant it broke.
describe('the terminal model: counterexamples kept', () => {
  const run = (cmds: Step[]) => runSequence(harness(), cmds);
  const states = async (cardId: string) =>
    (await serverUsages(harness())).filter((u) => u.cardId === cardId).map((u) => u.state ?? 'registered');

  it('45.1 undo, then read again: offered the tickets, not "already used" (broke: voided can be registered again)', async () => {
    await run([
      new Read('A045198723', 'wedge'),
      new Confirm(),
      new UndoFromResult(),
      new Read('A045198723', 'typed'),
    ]);
  });

  it("45.1 the reader's read of an undone result's card is looked up (broke: every reading has an event)", async () => {
    await run([
      new Read('A045198723', 'wedge'),
      new Confirm(),
      new UndoFromResult(),
      new Read('A045198723', 'wedge'),
    ]);
  });

  it('45.3 a send cut by closing the tab, then undo: voided on the server (broke: nothing shown undone is registered)', async () => {
    await run([new Read('A045198723', 'wedge'), new ConfirmThenClose(true), new UndoFromList()]);
    expect(await states('A045198723')).toEqual(['voided']);
  });

  it('45.3 a send lost with the tab: sent once from the new tab, then undone (broke: shift list vs server)', async () => {
    await run([new Read('A999005458', 'typed'), new ConfirmThenClose(false)]);
    expect(await states('A999005458')).toEqual(['registered']);
    await run([new Read('A999005458', 'typed'), new ConfirmThenClose(false), new UndoFromList()]);
    expect(await states('A999005458')).toEqual(['voided']);
  });

  it('45.5 a reading after a click on the mode radio or a setting is read (broke: every reading has an event)', async () => {
    await run([new ClickThenRead('sound', 'A999005458'), new ClickThenRead('collection', 'A999005429')]);
  });

  it('45.6 refused as already used at confirm: refused at the next reading (broke: what the registry said is kept)', async () => {
    await run([
      new Read('A999005458', 'wedge'),
      new OtherTerminal('A999005458'),
      new Confirm(),
      new Read('A999005458', 'typed'),
    ]);
  });

  it('45.6 a card read as the show fills goes to the refusal screen (broke: the cap refusal screen)', async () => {
    await run([
      new SwitchShow('hilla-kamari'),
      new OtherTerminal('A999005429'),
      new Read('A999005458', 'wedge'),
    ]);
  });

  it('45.6 a legacy code and a malformed reading get the refusal cue (broke: every refusal has its feedback)', async () => {
    await run([new Read('E1234', 'wedge'), new Read('A12', 'typed'), new Read('A0451987234', 'wedge')]);
  });

  it('45.6 an idle terminal meter follows another terminal within TALLY_MS (broke: meter never shows more left)', async () => {
    await run([new OtherTerminal('A999005429'), new IdleMeter()]);
  });
});
