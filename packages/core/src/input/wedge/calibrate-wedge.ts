/**
 * Calibration (loaded by the first `calibrate()`): learns a reader's timing, affixes, terminator and layout from one
 * reading: `calibrateWedge` (pure) and `startCalibration` (the listener's mode around it). The layout is the one
 * that reads the card ID; when two read different IDs (Y… and Z… on a German computer), `expectedId` decides.
 */
import { reasonFactory } from '../../messages/define.js';
import { wedgeCalibrationMessages, type WedgeCalibrationCode } from '../../messages/wedge-calibration.js';
import { INITIAL_WEDGE_STATE, stepWedge } from './classify-wedge.js';
import { gapsOf, median, type BurstChar } from './burst-checks.js';
import type { ResolvedWedgeOptions } from './wedge-options.js';
import { isModifier, otherTerminatorName, readKey, type WedgeLayout } from './layouts.js';
import type { ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import type {
  CardIdParser,
  WedgeFailure,
  WedgeKeyRecord,
  WedgeProfile,
  WedgeRecord,
  WedgeTerminator,
} from './types.js';

/** Options of a calibration: the card's printed ID, the shortest reading, and how card IDs are parsed. */
export type CalibrationOptions = {
  /** The ID printed on the card, typed by the clerk: settles layouts that read the burst differently. */
  readonly expectedId?: string | undefined;
  readonly minLength?: number | undefined;
  readonly cardIdOptions?: ParseCardIdOptions | undefined;
  readonly parse?: CardIdParser | undefined;
};

/** What the listener passes a calibration: its `minLength` and `parse` (its defaults or the host's). */
type ListenerOptions = CalibrationOptions & { readonly minLength: number; readonly parse: CardIdParser };

/** A calibration's outcome: the learned `profile` and the ID read, or a `calibration-*` failure with its text. */
export type CalibrationResult =
  | { readonly ok: true; readonly profile: WedgeProfile; readonly id: string }
  | { readonly ok: false; readonly error: WedgeFailure };

/** Keys pause longer than this between two keys of one calibration reading (slow Bluetooth readers included). */
const CALIBRATION_GAP_MS = 300;
const CANDIDATES: readonly WedgeLayout[] = ['auto', 'us', 'fi', 'de', 'fr', 'host'];

/** A calibration refusal (its texts come with calibration, not with the listener). */
const calibrationFailure = /* @__PURE__ */ reasonFactory(wedgeCalibrationMessages);
const refuse = (code: WedgeCalibrationCode): CalibrationResult => ({
  ok: false,
  error: calibrationFailure(code, {}),
});

type Found = { readonly burst: WedgeKeyRecord[]; readonly terminator: WedgeTerminator };

/** The last run of character keys (at least `minLength`) and what ended it. */
export function findReading(records: readonly WedgeRecord[], minLength: number): Found | undefined {
  let run: WedgeKeyRecord[] = [];
  let found: Found | undefined;
  for (const r of records) {
    if (r.type !== 'keydown' || isModifier(r) || r.repeat === true) continue;
    const last = run[run.length - 1];
    if (last !== undefined && r.timeStamp - last.timeStamp > CALIBRATION_GAP_MS) {
      if (run.length >= minLength) found = { burst: run, terminator: 'none' };
      run = [];
    }
    const isChar = readKey(r, 'us') !== undefined && otherTerminatorName(r, 'none') === undefined;
    if (isChar && r.altKey !== true) {
      run.push(r);
    } else {
      if (run.length >= minLength)
        found = { burst: run, terminator: otherTerminatorName(r, 'none') ?? { key: r.key, code: r.code } };
      run = [];
    }
  }
  return run.length >= minLength ? { burst: run, terminator: 'none' } : found;
}

/** The raw text (prefix and suffix included) of the burst read through `layout`, or undefined if refused. */
function readAs(burst: readonly WedgeKeyRecord[], layout: WedgeLayout): string | undefined {
  let raw: string | undefined;
  const capture: CardIdParser = (text) => {
    raw = text;
    return { ok: true, id: text, prefix: '', kind: '', medium: '' };
  };
  const withUps: WedgeRecord[] = burst.flatMap((r) => [r, { ...r, type: 'keyup' as const }]);
  const last = burst[burst.length - 1]?.timeStamp ?? 0;
  // Every option spelt out (the listener's `resolveWedgeOptions` stays out of this chunk): no prefix or suffix, any
  // pause up to the calibration's gap, the listener's defaults for the rest.
  const options: ResolvedWedgeOptions = {
    layout,
    terminator: 'none',
    prefix: '',
    suffix: '',
    maxInterKeyMs: CALIBRATION_GAP_MS,
    maxMedianInterKeyMs: CALIBRATION_GAP_MS,
    idleTimeoutMs: CALIBRATION_GAP_MS,
    minLength: 1,
    recognizeAfter: 2,
    duplicateWindowMs: 3000,
    acceptPaste: true,
    cardIdOptions: undefined,
    parse: capture,
  };
  let state = INITIAL_WEDGE_STATE;
  for (const record of [...withUps, { type: 'idle' as const, timeStamp: last + 10 * CALIBRATION_GAP_MS }])
    state = stepWedge(state, record, options).state;
  return raw;
}

/** Every (start, end) window of `raw` that is a valid card ID (the `expected` one, if given), longest first. */
function idsIn(
  raw: string,
  parse: CardIdParser,
  cardIdOptions: ParseCardIdOptions | undefined,
  expected: string | undefined,
) {
  const hits: { id: string; start: number; end: number }[] = [];
  for (let start = 0; start < raw.length; start++) {
    for (let end = raw.length; end > start; end--) {
      const parsed = parse(raw.slice(start, end), cardIdOptions);
      if (parsed.ok && (expected === undefined || parsed.id === expected))
        hits.push({ id: parsed.id, start, end });
    }
  }
  return hits.sort((a, b) => b.end - b.start - (a.end - a.start));
}

function timingOf(burst: readonly WedgeKeyRecord[]) {
  const gaps = gapsOf(burst.map((r): BurstChar => ({ t: r.timeStamp, code: r.code, readings: [] })));
  const max = gaps.length > 0 ? Math.max(...gaps) : 0;
  const maxInterKeyMs = Math.min(250, Math.max(40, Math.round(max * 1.5 + 20)));
  const maxMedianInterKeyMs = Math.min(maxInterKeyMs, 200, Math.max(25, Math.round(median(gaps) * 1.5 + 15)));
  return { maxInterKeyMs, maxMedianInterKeyMs };
}

/** Learns a profile from the records of one reading. */
export function calibrateWedge(records: readonly WedgeRecord[], options: ListenerOptions): CalibrationResult {
  const { parse, cardIdOptions } = options;
  const found = findReading(records, options.minLength);
  if (found === undefined) return refuse('calibration-no-burst');
  let expected: string | undefined;
  if (options.expectedId !== undefined) {
    const parsed = parse(options.expectedId, cardIdOptions);
    if (!parsed.ok) return refuse('calibration-mismatch');
    expected = parsed.id;
  }
  const matches = CANDIDATES.flatMap((layout) => {
    const raw = readAs(found.burst, layout);
    const best = raw === undefined ? undefined : idsIn(raw, parse, cardIdOptions, expected)[0];
    return best === undefined || raw === undefined ? [] : [{ layout, raw, ...best }];
  });
  const chosen = matches[0];
  if (chosen === undefined)
    return refuse(expected === undefined ? 'calibration-no-card' : 'calibration-mismatch');
  if (matches.some((m) => m.id !== chosen.id)) return refuse('calibration-ambiguous');
  const profile: WedgeProfile = {
    version: 1,
    layout: chosen.layout,
    terminator: found.terminator,
    prefix: chosen.raw.slice(0, chosen.start),
    suffix: chosen.raw.slice(chosen.end),
    ...timingOf(found.burst),
  };
  return { ok: true, profile, id: chosen.id };
}

export type CalibrationSession = {
  record(record: WedgeRecord): void;
  /** Ends the session now: it finishes as timed out. */
  cancel(): void;
};

/** Silence that ends a reading without a terminator (slow Bluetooth readers stay well below it). */
const END_SILENCE_MS = 400;

/** Starts capturing; `finish` gets the result once a reading is complete, or `calibration-timeout` (or `cancel()`). */
export function startCalibration(
  options: ListenerOptions & { readonly timeoutMs: number },
  finish: (result: CalibrationResult) => void,
): CalibrationSession {
  const { timeoutMs, ...calibrationOptions } = options;
  const records: WedgeRecord[] = [];
  let chars = 0;
  let done = false;
  let silence: ReturnType<typeof setTimeout> | undefined;
  const end = (timedOut: boolean): void => {
    if (done) return;
    done = true;
    clearTimeout(overall);
    if (silence !== undefined) clearTimeout(silence);
    finish(timedOut ? refuse('calibration-timeout') : calibrateWedge(records, calibrationOptions));
  };
  const overall = setTimeout(() => end(true), timeoutMs);

  return {
    record(record) {
      if (done) return;
      records.push(record);
      if (record.type !== 'keydown' || isModifier(record) || record.repeat === true) return;
      if (silence !== undefined) clearTimeout(silence);
      const ender = otherTerminatorName(record, 'none') !== undefined || Array.from(record.key).length > 1;
      if (ender && !/^Numpad/.test(record.code) && record.key !== 'Unidentified') {
        if (chars >= options.minLength) end(false);
        chars = 0;
        return;
      }
      chars++;
      silence = setTimeout(() => {
        if (chars >= options.minLength) end(false);
        else chars = 0;
      }, END_SILENCE_MS);
    },
    cancel() {
      end(true);
    },
  };
}
