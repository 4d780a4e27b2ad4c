// Issue 45.2 at the element, in Chromium against the real sandbox behind a proxy that can go away: a usage confirmed
// while the terminal is offline or Kaikukanta is down waits in the outbox; the clerk's undo removes it before it is
// registered (removed, or its void queued behind it: `void-queued`), the clerk is told "undone" (no record UUID, no
// `void-unverified`), and once the connection returns the server holds no registered usage of the card. The model's invariants run after every step as well.
import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/element-harness.js';
import {
  Confirm,
  Read,
  SetKaikukanta,
  SetNetwork,
  UndoFromResult,
  runSequence,
  serverUsages,
  type Model,
  type Real,
  type Step,
} from '../support/terminal-model.js';

const harness = useHarness({ proxy: true });
const CARD = 'A045198723';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A step that only looks: `expect` runs against what the element shows and the sandbox holds. */
const see = (name: string, expectation: (r: Real, m: Model) => Promise<void>): Step => ({
  check: () => true,
  run: (m: Model, r: Real) => expectation(r, m),
  toString: () => name,
});

const element = (r: Real) =>
  r.s.page.evaluate(() => {
    const el = document.querySelector('kaiku-scanner') as unknown as HTMLElement & {
      flow: { phase: { name: string; outcome?: string } };
    };
    const root = el.shadowRoot!;
    return {
      outcome: el.flow.phase.outcome,
      pending: root.querySelector<HTMLElement>('[part~="sync-status"]')?.dataset['pending'],
      error: root.querySelector<HTMLElement>('[part~="error"]')?.dataset['code'],
      text: root.textContent ?? '',
    };
  });

const pendingIs = (r: Real, n: string) =>
  r.s.page.waitForFunction(
    (want) =>
      (document
        .querySelector('kaiku-scanner')
        ?.shadowRoot?.querySelector<HTMLElement>('[part~="sync-status"]')?.dataset['pending'] ?? '0') ===
      want,
    n,
    { timeout: 15_000 },
  );

const queued = see('ExpectQueued', async (r) => {
  await pendingIs(r, '1');
  expect((await element(r)).outcome).toBe('queued');
});

const undone = see('ExpectUndone', async (r) => {
  const seen = await element(r);
  expect(seen.outcome).toBe('voided');
  expect(seen.error).toBeUndefined();
  expect(seen.text).toContain('Usage undone');
  expect(seen.text).not.toMatch(UUID);
});

/** Back online and synced (nothing waits): the server holds no registered usage of the card (none, or voided). */
const notRegistered = see('ExpectNotRegistered', async (r) => {
  await r.s.page.evaluate(() =>
    (document.querySelector('kaiku-scanner') as unknown as { syncNow(): Promise<void> }).syncNow(),
  );
  await pendingIs(r, '0');
  const kept = (await serverUsages(r.h)).filter((u) => u.cardId === CARD && u.state !== 'voided');
  expect(kept).toEqual([]);
});

/** Offline, a usage confirmed and undone, back online and synced; `offline` and `beforeOnline`: steps added there. */
const offlineUndo = (offline: Step[] = [], beforeOnline: Step[] = []): Step[] => [
  new SetNetwork(false),
  ...offline,
  new Read(CARD, 'typed'),
  new Confirm(),
  queued,
  new UndoFromResult(),
  undone,
  ...beforeOnline,
  new SetNetwork(true),
  notRegistered,
];

describe('45.2 undo of a usage still queued (element, real sandbox)', () => {
  it('Kaikukanta down: the queued usage is removed before it is sent, and the clerk is told "undone"', async () => {
    await runSequence(harness(), [
      new SetKaikukanta(false),
      new Read(CARD, 'typed'),
      new Confirm(),
      queued,
      new UndoFromResult(),
      undone,
      new SetKaikukanta(true),
      notRegistered,
    ]);
  }, 180_000);

  it('the terminal offline: the same, and nothing is sent when the network returns', async () => {
    await runSequence(harness(), offlineUndo());
  }, 180_000);

  it('offline before the shift panel came: the undone usage is listed anyway, as the server holds it', async () => {
    // The panel's chunk is asked for after the card panel's: a loaded terminal can lose the network in between. Its
    // request is held until the terminal is offline, then fails as the browser fails it; later ones go through.
    let cut!: () => void;
    const offline = new Promise<void>((resolve) => (cut = resolve));
    let lost = false;
    const withheld = see('ShiftWithheld', async (_r, m) => void (m.shiftLate = true));
    const lose = see('ShiftChunkLost', async () => cut());
    await runSequence(harness(), [withheld, ...offlineUndo([lose])], (context) =>
      context.route(/\/shift-panel-[\w-]+\.js(?:\?retry=\d+)?$/, async (route) => {
        if (lost) return route.continue();
        await offline;
        lost = true;
        return route.abort('internetdisconnected');
      }),
    );
  }, 180_000);

  it('offline, then a void that Kaikukanta answers late: the shift is judged once it has landed', async () => {
    // Back online, the registration goes first and the void after it in the same run: not pending meanwhile.
    const slowVoid = see('SlowVoid', async (r) => {
      await r.s.page.route(/\/v1\/usages\/[^/]+\/void$/, async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        await route.continue();
      });
    });
    await runSequence(harness(), offlineUndo([], [slowVoid]));
  }, 180_000);
});
