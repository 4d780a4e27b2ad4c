/**
 * Test support: random key streams of the readers and pages issue 14 names — any terminator (Enter, NumpadEnter,
 * Tab, CR+LF, F-key, none), speeds with jitter and stalls within the defaults, rollover, no keyups, auto-repeat,
 * Caps Lock, numpad with NumLock on and off, Alt codes, STX/ETX framing, Android `Unidentified` keys with their
 * text as input events, every host layout — mixed with the page's own barcodes (EAN-13, gift cards, product codes)
 * and typing in its own fields, and a person typing anywhere. Each stream is replayed through the classifier the
 * way the listener drives it (an idle record when its timer would fire), and scored: card IDs invented (misreads),
 * good cards lost, and the page's keystrokes taken. Used by `wedge-streams.test.ts` (bounded) and
 * `bench/wedge-fuzz.bench.ts` (100 000 streams). `classifyWedgeStream` replays one stream for tests and benchmarks.
 */
import { parseCardId } from '../../card-id/parse-card-id.js';
import { stepWedge, INITIAL_WEDGE_STATE } from './classify-wedge.js';
import {
  emulateReader,
  emulateTyping,
  type EmulatedReader,
  type EmulatedRecord,
} from './emulate-reader.test-support.js';
import type { WedgeLayoutName } from './layouts.js';
import { resolveWedgeOptions } from './wedge-options.js';
import type { WedgeClassifierOptions, WedgeEffect, WedgeRecord, WedgeTerminator } from './types.js';

/** A deterministic pseudo-random sequence. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type Rnd = () => number;
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const int = (rnd: Rnd, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const digits = (rnd: Rnd, n: number) => Array.from({ length: n }, () => String(int(rnd, 0, 9))).join('');

function cardId(rnd: Rnd): string {
  for (;;) {
    const prefix = pick(rnd, ['A', 'Y', 'X', 'Z', 'AM', 'YM']);
    const id = prefix + digits(rnd, prefix.length === 2 ? int(rnd, 8, 9) : 9);
    if (parseCardId(id).ok) return id;
  }
}

/** A code of the page's own (never a card ID): EAN-13, a gift card, a product code. */
function hostCode(rnd: Rnd): string {
  for (;;) {
    const kind = int(rnd, 0, 2);
    const code =
      kind === 0
        ? digits(rnd, 13)
        : kind === 1
          ? `GC${digits(rnd, 12)}`
          : pick(rnd, ['P', 'SKU', 'B', 'A']) + digits(rnd, int(rnd, 4, 12));
    if (!parseCardId(code).ok) return code;
  }
}

const HOSTS: readonly WedgeLayoutName[] = ['us', 'fi', 'sv', 'de', 'fr'];
/** What the reader ends with: `crlf` is Enter then Ctrl+J. */
type End = 'Enter' | 'NumpadEnter' | 'Tab' | 'crlf' | 'none' | 'F9';

export type StreamScore = {
  /** Card readings presented. */
  readonly readings: number;
  readonly read: number;
  /** Not read, refused with a stable code the clerk sees (`onError`), by code. */
  readonly refused: Readonly<Record<string, number>>;
  /**
   * Not read and nothing said, from a reader slower than the defaults (median gap over `maxMedianInterKeyMs`, 35 ms):
   * typing, as documented — such a reader needs its timing configured or calibrated.
   */
  readonly slowForDefaults: number;
  /** Not read and nothing said: a good card silently lost. */
  readonly lost: number;
  /** Scans of an ID no reader presented. */
  readonly misreads: number;
  /** The page's own bursts: its barcodes, and typing in its fields. */
  readonly hostBursts: number;
  /** …of which the listener reported one, kept its Enter/Tab, or kept its text. */
  readonly hostTaken: number;
  /** What each refused or lost reading, misread or taken host burst was, for a report. */
  readonly findings: readonly string[];
};

type Segment =
  | { kind: 'card'; id: string; records: WedgeRecord[]; what: string; medianGapMs: number }
  | { kind: 'host'; records: WedgeRecord[]; end: number; what: string }
  | { kind: 'typing'; records: WedgeRecord[] };

function asRecords(records: readonly EmulatedRecord[], hostField: boolean): WedgeRecord[] {
  return records.map((r) => (hostField ? { ...r, hostField: true } : r));
}

function terminatorOf(end: End): WedgeTerminator {
  if (end === 'NumpadEnter') return { key: 'Enter', code: 'NumpadEnter' };
  if (end === 'F9') return { key: 'F9', code: 'F9' };
  return end === 'crlf' ? 'Enter' : end;
}

function readerBurst(
  rnd: Rnd,
  text: string,
  start: number,
  end: End,
  host: WedgeLayoutName,
  readerLayout: WedgeLayoutName,
) {
  const style = int(rnd, 0, 9);
  // A reader that lets the computer repeat a held key for a doubled character does so within its own fast rhythm
  // (docs/wedge.md): a key held for tens of ms among 0.5 ms holds is a person's.
  const base = style === 6 ? int(rnd, 1, 6) : int(rnd, 1, 25);
  const stalls = style === 6 ? 0 : 0.04;
  const gaps = Array.from({ length: 40 }, () =>
    rnd() < stalls
      ? int(rnd, 40, 70)
      : Math.max(0, base + int(rnd, -Math.floor(base / 2), Math.floor(base / 2))),
  );
  const reader: EmulatedReader = {
    readerLayout,
    hostLayout: host,
    gapMs: (i) => gaps[i % gaps.length]!,
    start,
    terminator: terminatorOf(end),
    capsLock: rnd() < 0.15,
    ...(style === 1 ? { numpad: pick(rnd, ['numlock-on', 'numlock-off'] as const) } : {}),
    ...(style === 2 ? { altCodes: true } : {}),
    ...(style === 3 ? { unidentified: true } : {}),
    ...(style === 4 ? { holdMs: int(rnd, 2, 12) } : {}),
    ...(style === 5 ? { noKeyups: true } : {}),
    ...(style === 6 ? { repeatDoubles: true } : {}),
    ...(style === 7 ? { controls: true } : {}),
  };
  let records = emulateReader(text, reader);
  let last = Math.max(...records.map((r) => r.timeStamp));
  if (end === 'crlf') {
    const t = last + int(rnd, 0, 3);
    const j = { key: 'j', code: 'KeyJ', ctrlKey: true } as const;
    records = [
      ...records,
      { type: 'keydown', ...j, timeStamp: t },
      { type: 'keyup', ...j, timeStamp: t + 0.5 },
    ];
    last = t + 0.5;
  }
  const what = `${text} end=${end} host=${host} reader=${reader.readerLayout} base=${base}ms style=${style}${reader.capsLock ? ' caps' : ''}`;
  // The rhythm the classifier judges: the median gap between the reading's characters.
  const typed = Array.from(text).length + (style === 7 ? 2 : 0);
  const between = Array.from({ length: Math.max(0, typed - 1) }, (_, i) => gaps[(i + 1) % gaps.length]!).sort(
    (a, b) => a - b,
  );
  const medianGapMs = between[Math.floor(between.length / 2)] ?? 0;
  return { records, last, what: `${what} median=${medianGapMs}ms`, medianGapMs };
}

/** One random stream: 1–5 segments, and the listener options it runs with. */
export function randomStream(seed: number): { segments: Segment[]; options: WedgeClassifierOptions } {
  const rnd = lcg(seed);
  const host = pick(rnd, HOSTS);
  // Out of the box (auto terminator, auto layout) most of the time; sometimes the reader's terminator configured.
  const configured = rnd() < 0.25;
  const end: End = pick(rnd, [
    'Enter',
    'NumpadEnter',
    'Tab',
    'crlf',
    'none',
    ...(configured ? ['F9' as End] : []),
  ]);
  const readerLayout = rnd() < 0.7 ? 'us' : host;
  // Out of the box on US and Nordic computers; German and French computers need the reader's layout set (or
  // calibrated): `key` alone cannot tell a Y from a Z there (docs/wedge.md).
  const options: WedgeClassifierOptions = {
    ...(configured ? { terminator: terminatorOf(end) } : {}),
    ...(host === 'de' || host === 'fr' ? { layout: readerLayout } : {}),
  };
  const segments: Segment[] = [];
  let t = 1000;
  const count = int(rnd, 1, 5);
  for (let i = 0; i < count; i++) {
    const kind = rnd();
    if (kind < 0.55) {
      const id = cardId(rnd);
      const inHostField = rnd() < 0.3;
      const burst = readerBurst(rnd, id, t, end, host, readerLayout);
      segments.push({
        kind: 'card',
        id,
        records: asRecords(burst.records, inHostField),
        medianGapMs: burst.medianGapMs,
        what: `${burst.what}${inHostField ? ' in a page field' : ''}`,
      });
      t = burst.last;
    } else if (kind < 0.85) {
      // The page's own barcode, read by the same reader into the page's own field.
      const burst = readerBurst(rnd, hostCode(rnd), t, end, host, readerLayout);
      segments.push({
        kind: 'host',
        records: asRecords(burst.records, true),
        end: burst.last,
        what: burst.what,
      });
      t = burst.last;
    } else {
      // A person typing: in a page field (with Enter) or on the page.
      const inField = rnd() < 0.5;
      const text = pick(rnd, [
        'hello',
        'Matti Meikäläinen'.normalize('NFD').replace(/\p{M}/gu, ''),
        '12345',
        'A045',
      ]);
      const typed = emulateTyping(text, { gapMs: int(rnd, 70, 250), start: t, host, enter: inField });
      segments.push({ kind: 'typing', records: asRecords(typed, inField) });
      t = Math.max(...typed.map((r) => r.timeStamp));
    }
    // Silence before the next segment: a reader ended by silence needs its timeout (and an ID one digit could grow
    // needs 1 s, docs/wedge.md); nobody scans two cards within 40 ms; a reading that starts within maxInterKeyMs
    // (80 ms) of a person's last key joins that key's burst, which timing cannot tell apart (docs/wedge.md).
    const afterTyping = segments[segments.length - 1]?.kind === 'typing';
    t += end === 'none' ? int(rnd, 1100, 2500) : int(rnd, afterTyping ? 120 : 40, 1500);
  }
  return { segments, options };
}

/**
 * Replays the segments as the listener would (an idle record whenever its timer would fire first) and scores them.
 *
 * @example
 * const score = scoreStream(randomStream(1));
 */
export function scoreStream(stream: ReturnType<typeof randomStream>): StreamScore {
  const resolved = resolveWedgeOptions(stream.options);
  const grace = resolved.terminator === 'none' ? 0 : 250;
  const tagged = stream.segments.flatMap((segment, index) =>
    segment.records.map((record) => ({ record, index })),
  );
  tagged.sort((a, b) => a.record.timeStamp - b.record.timeStamp);
  let state = INITIAL_WEDGE_STATE;
  let wakeAt: number | undefined;
  let current = -1;
  // A burst's outcome belongs to the segment that started it, also when it is decided at the next segment's first key.
  let owner = -1;
  const effects: { effect: WedgeEffect; index: number; record: WedgeRecord }[] = [];
  const feed = (record: WedgeRecord, index: number) => {
    const step = stepWedge(state, record, resolved);
    state = step.state;
    wakeAt = step.wakeAt;
    for (const effect of step.effects) {
      if (effect.kind === 'burst-start') owner = index;
      const by = effect.kind === 'suppress' || record.type === 'paste' ? index : owner < 0 ? index : owner;
      effects.push({ effect, index: by, record });
    }
  };
  for (const { record, index } of [
    ...tagged,
    { record: { type: 'idle', timeStamp: 1e12 } as WedgeRecord, index: -1 },
  ]) {
    while (wakeAt !== undefined && wakeAt + grace < record.timeStamp) {
      const at = wakeAt + grace;
      wakeAt = undefined;
      feed({ type: 'idle', timeStamp: at }, current);
    }
    if (record.type !== 'idle') {
      current = index;
      feed(record, index);
    }
  }

  const findings: string[] = [];
  const presented = new Set(stream.segments.flatMap((s) => (s.kind === 'card' ? [s.id] : [])));
  const scans = effects.filter((e) => e.effect.kind === 'scan');
  const scannedIds = scans.map((e) => (e.effect.kind === 'scan' ? e.effect.scan.id : ''));
  const misreads = scannedIds.filter((id) => !presented.has(id)).length;
  for (const id of scannedIds) if (!presented.has(id)) findings.push(`misread ${id}`);
  let readings = 0;
  let read = 0;
  const refused: Record<string, number> = {};
  let slowForDefaults = 0;
  let lost = 0;
  let hostBursts = 0;
  let hostTaken = 0;
  stream.segments.forEach((segment, index) => {
    const mine = effects.filter((e) => e.index === index);
    if (segment.kind === 'card') {
      readings++;
      const ok = mine.some((e) => e.effect.kind === 'scan' && e.effect.scan.id === segment.id);
      const why = mine.flatMap((e) => (e.effect.kind === 'error' ? [e.effect.error.code] : []));
      if (ok) read++;
      else if (why.length > 0) {
        for (const code of why) refused[code] = (refused[code] ?? 0) + 1;
        findings.push(`refused ${segment.what} (${why.join(',')})`);
      } else if (segment.medianGapMs > resolved.maxMedianInterKeyMs) {
        slowForDefaults++;
        findings.push(`slow ${segment.what}`);
      } else {
        lost++;
        findings.push(`lost ${segment.what}`);
      }
    } else if (
      segment.records.some((r) => r.type !== 'idle' && r.hostField === true) ||
      segment.kind === 'host'
    ) {
      hostBursts++;
      const reported = mine.some((e) => e.effect.kind === 'scan' || e.effect.kind === 'error');
      // The page's Enter/Tab (and CR+LF's Ctrl+J) must reach it: no suppress on them.
      const endKeys = mine.some(
        (e) =>
          e.effect.kind === 'suppress' &&
          e.record.type === 'keydown' &&
          (e.record.key === 'Enter' || e.record.key === 'Tab' || e.record.ctrlKey === true),
      );
      // Characters kept out of the field must be given back.
      const recognized = mine.filter((e) => e.effect.kind === 'recognized').length;
      const released = mine.filter((e) => e.effect.kind === 'release').length;
      if (reported || endKeys || recognized > released) {
        hostTaken++;
        findings.push(
          `host taken${segment.kind === 'host' ? ` ${segment.what}` : ' (typing)'}: ${reported ? 'reported ' : ''}${endKeys ? 'terminator ' : ''}${recognized > released ? 'text kept' : ''}`,
        );
      }
    }
  });
  return { readings, read, refused, slowForDefaults, lost, misreads, hostBursts, hostTaken, findings };
}

/**
 * Classifies a whole recorded stream (tests, replays, benchmarks): every effect in order.
 * Add a final `idle` record to settle a burst that ends the stream.
 *
 * @example
 * classifyWedgeStream(records, { terminator: 'Tab' }).filter((e) => e.kind === 'scan');
 */
export function classifyWedgeStream(
  records: Iterable<WedgeRecord>,
  options: WedgeClassifierOptions = {},
): WedgeEffect[] {
  const resolved = resolveWedgeOptions(options);
  let state = INITIAL_WEDGE_STATE;
  const effects: WedgeEffect[] = [];
  for (const record of records) {
    const step = stepWedge(state, record, resolved);
    state = step.state;
    effects.push(...step.effects);
  }
  return effects;
}
