// Whether a driver delivered a key sequence as asked, and whether a sequence holds rollover (test/support/keys.ts).
// test/unit/key-delivery.test.ts.
import type { KeyEvent } from './key-taps.js';

/**
 * The first way `got` (each event's time on the page's clock, in the order sent) differs from the schedule of
 * `sent` by more than `slackMs`, or `undefined` when it does not:
 * - a gap between two events over `slackMs` longer than asked;
 * - a key held (its keydown to its keyup) over `slackMs` longer than asked. The gaps alone miss this: a driver that
 *   stalls a few events in a row, each within the slack, can hold a rolled-over key for tens of milliseconds while
 *   later keys go down, which is what a person's key looks like, and the listener rightly refuses it.
 * Shorter than asked is never a distortion (a driver cannot send early, only coarser).
 */
export function deliveryDistortion(
  sent: readonly KeyEvent[],
  got: readonly number[],
  slackMs: number,
): string | undefined {
  if (got.length !== sent.length) return `${got.length} of ${sent.length} key events arrived`;
  const asked: number[] = [];
  sent.forEach((e, i) => asked.push((asked[i - 1] ?? 0) + (i === 0 ? 0 : (e.delayMs ?? 0))));
  const ms = (t: number) => String(Number(t.toFixed(1)));
  const name = (i: number) => `${sent[i]!.type} ${sent[i]!.key}`;
  for (let i = 1; i < sent.length; i += 1) {
    const gap = got[i]! - got[i - 1]!;
    const want = asked[i]! - asked[i - 1]!;
    if (gap > want + slackMs)
      return `event ${i} (${name(i)}) came ${gap.toFixed(0)} ms after the one before, asked ${ms(want)} ms`;
  }
  const downAt = new Map<string, number>();
  for (let i = 0; i < sent.length; i += 1) {
    const { type, code, key } = sent[i]!;
    const id = code || key;
    if (id === undefined) continue;
    if (type === 'keydown' && !downAt.has(id)) downAt.set(id, i);
    if (type !== 'keyup') continue;
    const down = downAt.get(id);
    downAt.delete(id);
    if (down === undefined) continue;
    const held = got[i]! - got[down]!;
    const want = asked[i]! - asked[down]!;
    if (held > want + slackMs)
      return `key ${key} held ${held.toFixed(0)} ms (event ${down} to ${i}), asked ${ms(want)} ms`;
  }
  return undefined;
}

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'NumLock']);

/** The first key released while a key pressed after it is still held (rollover), modifiers aside, if any. */
export function rolloverIn(events: readonly KeyEvent[]): string | undefined {
  const held: string[] = [];
  for (const [i, e] of events.entries()) {
    if (e.key === undefined || MODIFIERS.has(e.key)) continue;
    const id = e.code || e.key;
    if (e.type === 'keydown' && !held.includes(id)) held.push(id);
    if (e.type !== 'keyup') continue;
    const at = held.indexOf(id);
    if (at >= 0 && at < held.length - 1)
      return `event ${i}, keyup ${e.key} with ${held[held.length - 1]} held`;
    if (at >= 0) held.splice(at, 1);
  }
  return undefined;
}
