// Browser side of the engine-skip plugin (test/support/wtr-engine-plugin.mjs): a test that cannot apply to the
// engine it runs in skips itself *with a reason*, after a capability check; the reason is recorded and the run
// prints every such skip at its end. Never skip without one.
import { executeServerCommand } from '@web/test-runner-commands';

export type Engine = 'chromium' | 'firefox' | 'webkit';

let running: Mocha.Test | undefined;
// A root hook: every test of a file that imports this module is known here while it runs (mocha hands the test
// to hooks only, as `this.currentTest`, and takes it away when the hook ends).
beforeEach(function () {
  running = this.currentTest;
  // Mocha runs a retry as a clone and reports the original: put the clone in its place, so the report is the
  // retry's outcome (see test/support/keys.ts for the only retries there are).
  if (running !== undefined && retryOf(running) > 0) {
    const tests = running.parent?.tests ?? [];
    const original = tests.findIndex((t) => t !== running && t.title === running!.title);
    if (original >= 0) tests.splice(original, 1, running);
  }
});
afterEach(async function () {
  running = undefined;
  // A test that failed on its last run while the driver distorted that run's keys (test/support/keys.ts) was
  // never given the keys it asked for: report it skipped, with the reason, rather than as a product failure.
  // Only if every run of it was distorted: one run that got its keys as asked and failed is a real failure.
  const test = this.currentTest;
  if (test === undefined) return;
  const detail = distorted.get(test);
  const failedRun = test.state === 'failed' || test.state === undefined; // undefined: failed, to be retried
  if (failedRun && detail === undefined) {
    cleanFailures.add(test.fullTitle());
    // Its keys came as asked, so the failure is the test's or the product's: print what the page got, to find out.
    const keys = deliveries.get(test);
    if (keys !== undefined)
      await executeServerCommand('kaiku-engine-keys-failed', {
        test: test.fullTitle(),
        keys: keys.map((describe) => describe()).join(' | '),
      });
  }
  if (test.state !== 'failed' || detail === undefined || cleanFailures.has(test.fullTitle())) return;
  await executeServerCommand('kaiku-engine-skip', {
    test: test.fullTitle(),
    reason: `${await currentEngine()} key driver distorted the keys in every one of ${retryOf(test) + 1} runs (last: ${detail}); failure was: ${test.err?.message.slice(0, 200) ?? ''}`,
  });
  test.pending = true;
  delete test.err;
});

const distorted = new WeakMap<Mocha.Test, string>();
const deliveries = new WeakMap<Mocha.Test, (() => string)[]>();
const cleanFailures = new Set<string>();

/** Notes that the driver distorted the keys of this run of `test` (see test/support/keys.ts). */
export function markDistorted(test: Mocha.Test, detail: string): void {
  distorted.set(test, detail);
}

/** Notes the keys this run of `test` got, as the page got them: described only if it fails undistorted. */
export function noteDelivery(test: Mocha.Test, describe: () => string): void {
  deliveries.set(test, [...(deliveries.get(test) ?? []), describe]);
}

/** Which run of the test this is: 0 the first, 1 the first retry (mocha types it protected). */
export function retryOf(test: Mocha.Test): number {
  return (test as unknown as { currentRetry(): number }).currentRetry();
}

/** The test running now (inside a test of a file that imports this module). */
export function runningTest(): Mocha.Test | undefined {
  return running;
}

let engineInfo: Promise<Engine> | undefined;

/** The engine the suite runs in (`KAIKU_ENGINE`, see test/support/engines.mjs). */
export function currentEngine(): Promise<Engine> {
  engineInfo ??= executeServerCommand('kaiku-engine').then((r) => (r as { engine: Engine }).engine);
  return engineInfo;
}

/** Skips the running test in this engine, recording `reason` (printed at the end of the run). */
export async function skipInThisEngine(reason: string): Promise<never> {
  const test = running;
  if (test === undefined) throw new Error('skipInThisEngine: call it from inside a test');
  await executeServerCommand('kaiku-engine-skip', { test: test.fullTitle(), reason });
  test.skip(); // throws mocha's Pending: the test ends here, reported as skipped
  throw new Error('unreachable: mocha did not skip');
}

/** Skips the running test unless `ok`: the capability check in one line. */
export async function requireCapability(ok: boolean, reason: string): Promise<void> {
  if (!ok) await skipInThisEngine(reason);
}
