/**
 * Test support for the wedge browser tests: an emulated reader's records (`emulateReader`) as the key events the
 * engine's real input pipeline sends (test/support/keys.ts), and the page every wedge test file sets up the same
 * way (`useWedgePage`: what the listener reported, a fixture element, the listener stopped after each test).
 */
import type { EmulatedRecord } from '../../packages/core/src/input/wedge/emulate-reader.test-support.js';
import {
  createWedgeListener,
  type WedgeListener,
  type WedgeListenerOptions,
} from '../../packages/core/src/input/wedge/listen-for-wedge.js';
import type { WedgeFailure, WedgeScan } from '../../packages/core/src/input/wedge/types.js';
import { pressKeys, type KeyEvent } from './keys.js';

export type { KeyEvent };

/** How records become key events: `stamp` as in `pressKeys`; `sort: false` keeps the records' own order. */
export type PressOptions = { readonly stamp?: boolean; readonly sort?: boolean };

/**
 * Records (in time order unless `sort: false`) to key events with the gaps between them; `input` records are the
 * browser's own (not sent), except that an `Unidentified` key carries the text of the input record after it.
 */
export function keyEventsOf(records: readonly EmulatedRecord[], options: PressOptions = {}): KeyEvent[] {
  const keys = records.flatMap((r, i) => {
    if (r.type === 'input') return [];
    const next = records[i + 1];
    const text = r.key === 'Unidentified' && next?.type === 'input' ? next.text : undefined;
    return [{ r, text }];
  });
  if (options.sort !== false) keys.sort((a, b) => a.r.timeStamp - b.r.timeStamp);
  let last = keys[0]?.r.timeStamp ?? 0;
  return keys.map(({ r, text }) => {
    const delayMs = Math.max(0, r.timeStamp - last);
    last = r.timeStamp;
    const { type, key, code, shiftKey, altKey, ctrlKey, repeat } = r;
    return {
      type,
      key,
      code,
      shiftKey,
      altKey,
      ctrlKey,
      repeat,
      delayMs,
      ...(text === undefined ? {} : { text }),
    };
  });
}

/** Sends an emulated reader's records through the engine's input pipeline. */
export async function pressRecords(
  records: readonly EmulatedRecord[],
  options: PressOptions = {},
): Promise<void> {
  await pressKeys(keyEventsOf(records, options), { stamp: options.stamp });
}

/** A reader at 1–20 ms between keys (a fixed pseudo-random sequence, so every run is the same). */
export const scannerGap = (i: number): number => 1 + ((i * 7) % 20);

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

/** What the running test's listeners reported, emptied before each test (`useWedgePage`). */
export const scans: WedgeScan[] = [];
export const errors: WedgeFailure[] = [];
export const ids = (): string[] => scans.map((s) => s.id);
export const codes = (): string[] => errors.map((e) => e.code);
/** Callbacks that note what a listener reports in `scans` and `errors`. */
export const report = {
  onScan: (scan: WedgeScan): void => void scans.push(scan),
  onError: (error: WedgeFailure): void => void errors.push(error),
};

/** The running test's element in the page: empty and in the page while it runs, out of it after. */
export const fixture: HTMLDivElement = document.createElement('div');
const running = new Set<{ stop(): void }>();

/** Stops `listener` after the running test. */
export function keep<T extends { stop(): void }>(listener: T): T {
  running.add(listener);
  return listener;
}

/** A listener that notes what it reports; `options` win (an own `onScan`, a `target`). */
export function listen(options: Partial<WedgeListenerOptions> = {}): WedgeListener {
  return keep(createWedgeListener({ ...report, ...options }));
}

/** An input in the fixture with `value`, focused, the caret at its end. */
export function field(value = ''): HTMLInputElement {
  const input = document.createElement('input');
  input.value = value;
  fixture.append(input);
  input.focus();
  input.setSelectionRange(value.length, value.length);
  return input;
}

/**
 * A form in the fixture that counts its submits (and cancels them): `fields` inputs, the first focused, and a
 * submit button when `button` (a form with two fields submits on Enter only with one).
 */
export function countingForm(
  fields = 1,
  button = false,
): { form: HTMLFormElement; inputs: [HTMLInputElement, ...HTMLInputElement[]]; submits: () => number } {
  const form = document.createElement('form');
  let submitted = 0;
  form.addEventListener('submit', (e) => {
    submitted++;
    e.preventDefault();
  });
  const inputs = Array.from({ length: Math.max(1, fields) }, () => document.createElement('input')) as [
    HTMLInputElement,
    ...HTMLInputElement[],
  ];
  form.append(...inputs);
  if (button) {
    const submit = document.createElement('button');
    submit.type = 'submit';
    form.append(submit);
  }
  fixture.append(form);
  inputs[0].focus();
  return { form, inputs, submits: () => submitted };
}

/**
 * Waits until `outcomes` scans and errors have been reported (polling: this shared machine may run the page
 * slowly), then `ms` more so that anything unexpected would show up too.
 */
export async function settled(outcomes = 1, ms = 150): Promise<void> {
  const deadline = performance.now() + 5000;
  while (scans.length + errors.length < outcomes && performance.now() < deadline) await sleep(20);
  await sleep(ms);
}

/** The mocha hooks of a wedge test file: a clean page before each test, every listener stopped after it. */
export function useWedgePage(): void {
  beforeEach(() => {
    scans.length = 0;
    errors.length = 0;
    fixture.replaceChildren();
    document.body.append(fixture);
  });
  afterEach(() => {
    for (const listener of running) listener.stop();
    running.clear();
    fixture.remove();
    (document.activeElement as HTMLElement | null)?.blur?.();
  });
}
