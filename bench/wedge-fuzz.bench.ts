// `npm run bench wedge-fuzz`: 100 000 random key streams (WEDGE_STREAMS to change it) of readers and pages the wedge
// listener had not met — any terminator (Enter, NumpadEnter, Tab, CR+LF, F9 configured, none), speeds of 1–25 ms a
// key with jitter and 40–70 ms stalls, rollover, no keyups, auto-repeat, Caps Lock, numpad with NumLock on and off,
// Alt codes, STX/ETX, Android `Unidentified` keys with their text as input events, US/Nordic/German/French
// computers — mixed with the page's own barcodes (EAN-13, gift cards, product codes) read into its fields and people
// typing. Prints readings read, refused (by code), silently lost, misread, and the page's bursts taken; exits 1 on a
// misread, a silent loss or a page burst taken. The generator and scoring: wedge-streams.test-support.ts.
import { randomStream, scoreStream } from '../packages/core/src/input/wedge/wedge-streams.test-support.js';

const runs = Number(process.env.WEDGE_STREAMS ?? 100_000);
const from = Number(process.env.WEDGE_STREAMS_FROM ?? 1);
const totals = { readings: 0, read: 0, slow: 0, lost: 0, misreads: 0, hostBursts: 0, hostTaken: 0 };
const refused: Record<string, number> = {};
const examples: string[] = [];
const problems: string[] = [];
const started = performance.now();
for (let seed = from; seed < from + runs; seed++) {
  const score = scoreStream(randomStream(seed));
  totals.readings += score.readings;
  totals.read += score.read;
  totals.slow += score.slowForDefaults;
  totals.lost += score.lost;
  totals.misreads += score.misreads;
  totals.hostBursts += score.hostBursts;
  totals.hostTaken += score.hostTaken;
  for (const [code, n] of Object.entries(score.refused)) refused[code] = (refused[code] ?? 0) + n;
  // What must not happen first (a misread, a silent loss, a page burst taken), then a few deliberate refusals.
  for (const finding of score.findings) {
    if (!finding.startsWith('refused') && !finding.startsWith('slow'))
      problems.push(`seed ${seed}: ${finding}`);
    else if (examples.length < 5) examples.push(`seed ${seed}: ${finding}`);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(`${runs} streams (seeds ${from}–${from + runs - 1}) in ${seconds.toFixed(1)} s`);
console.log(
  `card readings: ${totals.readings}, read ${totals.read}, refused ${JSON.stringify(refused)}, slower than the default timing (typing until calibrated) ${totals.slow}, silently lost ${totals.lost}, misread ${totals.misreads}`,
);
console.log(`the page's own bursts: ${totals.hostBursts}, taken ${totals.hostTaken}`);
for (const e of problems.slice(0, 50)) console.log(`  ${e}`);
console.log('examples of deliberate refusals:');
for (const e of examples) console.log(`  ${e}`);
process.exit(totals.misreads + totals.lost + totals.hostTaken === 0 ? 0 : 1);
