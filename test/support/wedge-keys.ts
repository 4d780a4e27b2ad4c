/**
 * Test support for the wedge browser tests: an emulated reader's records (`emulateReader`) as the key events the
 * engine's real input pipeline sends (test/support/keys.ts), in time order, with the gaps between them.
 */
import type { EmulatedRecord } from '../../packages/core/src/input/wedge/emulate-reader.js';
import { createWedgeListener } from '../../packages/core/src/input/wedge/create-wedge-listener.js';
import { pressKeys, type KeyEvent } from './keys.js';

export type { KeyEvent };

/** Records (any order) to key events in time order; `input` records are the browser's own (not sent). */
export function keyEventsOf(records: readonly EmulatedRecord[]): KeyEvent[] {
  const keys = records.flatMap((r) => (r.type === 'input' ? [] : [r]));
  keys.sort((a, b) => a.timeStamp - b.timeStamp);
  let last = keys[0]?.timeStamp ?? 0;
  return keys.map((r) => {
    const delayMs = Math.max(0, r.timeStamp - last);
    last = r.timeStamp;
    const { type, key, code, shiftKey, ctrlKey, repeat } = r;
    return { type, key, code, shiftKey, ctrlKey, repeat, delayMs };
  });
}

/** Sends an emulated reader's records through the engine's input pipeline. */
export async function pressRecords(records: readonly EmulatedRecord[]): Promise<void> {
  await pressKeys(keyEventsOf(records));
}

export const sleep = (ms: number): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Loads the listener's engine chunk before a file's tests, as a page has long loaded it when a card is scanned.
 * These tests are about readers and host pages; keys that arrive while the chunk is still loading are
 * engine-on-demand.browser.test.ts's subject (without this, a file's first scan raced the chunk's load).
 */
export async function primeWedgeEngine(): Promise<void> {
  const listener = createWedgeListener({ onScan: () => undefined });
  await import('../../packages/core/src/input/wedge/wedge-engine.js');
  await new Promise((resolve) => setTimeout(resolve, 0));
  listener.stop();
}
