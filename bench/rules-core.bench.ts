/**
 * Rules core speed: parseCardId per reading form (camera and wedge adapters call it on every candidate),
 * decideUsage and checkCapSetting per call, each beside a baseline peer in the same run:
 * - parseCardId vs a bare regex test (the least any validator does) — the ratio is the price of
 *   normalization, check characters and precise refusal codes;
 * - decideUsage vs zod's safeParse of the same input alone — the share spent validating outside data.
 * Run: npm run bench rules-core
 */
import { checkCapSetting, decideUsage, parseCardId } from '@kaiku-scanner/core';
import { DecideUsageInputSchema } from '@kaiku-scanner/core/contract';
import type { DecideUsageInput } from '@kaiku-scanner/core';

const SAMPLES = 25;
const BATCH = 2_000;

function measure(fn: () => unknown): { median: number; p95: number } {
  for (let i = 0; i < BATCH; i += 1) fn(); // warm-up
  const perCall: number[] = [];
  for (let s = 0; s < SAMPLES; s += 1) {
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i += 1) fn();
    perCall.push(((performance.now() - t0) * 1000) / BATCH);
  }
  perCall.sort((a, b) => a - b);
  const at = (q: number): number =>
    perCall[Math.min(perCall.length - 1, Math.floor(q * perCall.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

const NAIVE = /^(A|AM|Y|YM|X|Z)[0-9]{8,9}$/;
const readings: [string, string][] = [
  ['canonical', 'A999005458'],
  ['wedge (BOM, *…*, CR LF, lower)', '\uFEFF*a999005458*\r\n'],
  ['full-width', 'Ａ９９９００５４５８'],
  ['legacy code (refused)', 'E1234'],
  ['URL QR code (refused)', 'https://kaikukortti.fi/kulttuurikohteille/perehdytysmateriaali'],
];

const rows: Record<string, string>[] = [];
for (const [label, raw] of readings) {
  const parse = measure(() => parseCardId(raw));
  const naive = measure(() => NAIVE.test(raw.trim()));
  rows.push({
    reading: label,
    'parseCardId µs (median)': parse.median.toFixed(2),
    'p95 µs': parse.p95.toFixed(2),
    'bare regex µs': naive.median.toFixed(3),
    'ratio parse/regex': (parse.median / naive.median).toFixed(0),
  });
}
const verify = measure(() => parseCardId('*A999005458G*', { checkCharacter: 'verify' }));
rows.push({
  reading: 'Code 39 with check char (verify)',
  'parseCardId µs (median)': verify.median.toFixed(2),
  'p95 µs': verify.p95.toFixed(2),
  'bare regex µs': '',
  'ratio parse/regex': '',
});
console.log('parseCardId per reading');
console.table(rows);

const allowed: DecideUsageInput = {
  card: { id: 'A999005458', status: 'active', validUntil: '2026-01-09', minors: 2 },
  event: {
    kind: 'show',
    start: '2025-12-06T18:00:00+02:00',
    cap: 20,
    ticketsGiven: 4,
    collectionWindow: { opensBeforeStart: { minutes: 30 } },
  },
  request: { mode: 'booking', childTickets: 2 },
  now: '2025-12-01T10:00:00+02:00',
};
const refused: DecideUsageInput = {
  ...allowed,
  card: { id: 'Y110029399', status: 'inactive', validUntil: '2025-01-01', minors: 0 },
  event: {
    ...allowed.event,
    kind: 'course',
    cap: 2,
    ticketsGiven: 2,
    bookingWindow: { opensBeforeStart: { days: 1 } },
  },
  request: { mode: 'booking', childTickets: 1, group: { memberCardIds: ['B1', 'Y110029399', 'A999005461'] } },
};
const decisions: Record<string, string>[] = [];
for (const [label, input] of [
  ['allowed', allowed],
  ['refused, 8 reasons', refused],
] as const) {
  const decide = measure(() => decideUsage(input));
  const zodOnly = measure(() => DecideUsageInputSchema.safeParse(input));
  decisions.push({
    case: label,
    'decideUsage µs (median)': decide.median.toFixed(1),
    'p95 µs': decide.p95.toFixed(1),
    'zod safeParse alone µs': zodOnly.median.toFixed(1),
    'validation share': `${((zodOnly.median / decide.median) * 100).toFixed(0)} %`,
  });
}
const cap = measure(() => checkCapSetting({ capacity: 400, cap: 10, kind: 'show', policy: '2020' }));
decisions.push({
  case: 'checkCapSetting (refused)',
  'decideUsage µs (median)': cap.median.toFixed(1),
  'p95 µs': cap.p95.toFixed(1),
  'zod safeParse alone µs': '',
  'validation share': '',
});
console.log('decisions per call');
console.table(decisions);
