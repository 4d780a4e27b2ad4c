/** How {@link until} waits. */
export interface UntilOptions {
  /** A hang guard, not a speed limit: how long a loaded machine may take before the wait fails. */
  guardMs?: number;
  /** Runs between two looks, e.g. to let an element render (`() => el.updateComplete`). */
  step?: () => unknown;
}

const POLL_MS = 20;

/**
 * Waits until `done()` holds, looking every 20 ms, however slowly this machine runs the page; fails after the hang
 * guard (60 s unless given: at load 30 a focus or a read took over 15 s), naming the condition it waited for, so a test never goes on to assert on nothing.
 * Works in Node (vitest) and in every browser engine (web-test-runner).
 */
export async function until(
  done: () => boolean | Promise<boolean>,
  { guardMs = 60_000, step }: UntilOptions = {},
): Promise<void> {
  const deadline = performance.now() + guardMs;
  while (!(await done())) {
    if (performance.now() > deadline)
      throw new Error(`still waiting after ${guardMs} ms for ${String(done)}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await step?.();
  }
}
