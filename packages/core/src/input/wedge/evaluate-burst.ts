/** Decides what a finished burst was: a card, a reader's failed reading (a stable error), or typing (nothing). */
import { CODE39_CHARSET } from '../../card-id/code39.js';
import { reasonFactory } from '../../messages/define.js';
import { wedgeListenerMessages, type WedgeListenerCode } from '../../messages/wedge-listener.js';
import {
  gapsOf,
  hasForeignKey,
  hasLateLastKey,
  hasReaderTiming,
  layoutsOfAmbiguity,
  median,
  releaseChar,
  stripAffixes,
  textOf,
  trimControls,
  upperAscii,
  type Burst,
  type BurstChar,
} from './burst-checks.js';
import type { ResolvedWedgeOptions } from './wedge-options.js';
import type {
  CardIdParseResult,
  WedgeEffect,
  WedgeFailure,
  WedgeKeyRecord,
  WedgeScan,
  WedgeTerminator,
  WedgeTextRecord,
} from './types.js';
import { SUPPRESS } from './wedge-state.js';

/**
 * How the burst ended: terminator or silence (`silent`); another Enter/Tab; `pause` (a key within `LATE_TERMINATOR_MS`
 * after a reading that could grow); `gap` (a configured terminator missing); a non-character key.
 */
export type BurstEnd =
  | { readonly kind: 'complete'; readonly t: number; readonly silent?: boolean }
  | { readonly kind: 'pause'; readonly t: number }
  | { readonly kind: 'other-terminator'; readonly t: number; readonly received: string }
  | { readonly kind: 'gap' }
  | { readonly kind: 'interrupted' };

/** A terminator as a short label for messages (`Enter`, `Tab`, `#`, `none`; `Enter/Tab` for `auto`). */
function describeTerminator(terminator: WedgeTerminator): string {
  if (terminator === 'auto') return 'Enter/Tab';
  if (typeof terminator === 'string') return terminator;
  return terminator.key ?? terminator.code ?? 'none';
}

/** A refusal rendered from the listener's own table (it loads with the classifier). */
export const wedgeFailure = /* @__PURE__ */ reasonFactory(wedgeListenerMessages);

/** A scan from a valid card ID: the card's fields only, whatever else a custom `parse` returns. */
function scanOf(
  parsed: Extract<CardIdParseResult, { ok: true }>,
  source: WedgeScan['source'],
  durationMs: number,
  keyCount: number,
): WedgeScan {
  const { id, prefix, kind, medium } = parsed;
  return { id, prefix, kind, medium, source, durationMs, keyCount, duplicate: false };
}

/** What a reader may send after an ID (a digit, a check character): Code 39's characters but the space. */
const NEXT_CHARS = CODE39_CHARSET.replace(' ', '');

/**
 * True when more characters after `id` could make another valid ID (`AM` + 8 digits, + 1), or a longer length is
 * named (`bad-length`, `expected: '10/11'`), or digits after a non-ID make one (`A0451`): silence cannot end it yet.
 */
export function couldGrow(id: string, options: ResolvedWedgeOptions): boolean {
  if (!options.parse(id, options.cardIdOptions).ok)
    return [1, 2, 3, 4, 5, 6, 7, 8, 9].some(
      (n) => options.parse(id + '0'.repeat(n), options.cardIdOptions).ok,
    );
  return Array.from(NEXT_CHARS).some((c) => {
    const longer = options.parse(id + c, options.cardIdOptions);
    if (longer.ok) return longer.id !== id;
    return String(longer.error.params['expected'])
      .split('/')
      .some((n) => Number(n) > id.length + 1);
  });
}

/** The reading's characters between prefix and suffix (none when either is missing), as `parseCardId` gets them. */
export function contentOf(burst: Burst, options: ResolvedWedgeOptions): readonly BurstChar[] {
  return stripAffixes(trimControls(burst.chars), options.prefix, options.suffix) ?? [];
}

/** A refusal by the card-ID parser, its text (what is wrong, never the ID) as the parser gives it. */
function notACardId({ code, message }: Extract<CardIdParseResult, { ok: false }>['error']): WedgeEffect {
  return { kind: 'error', error: { code: 'not-a-card-id', params: { reason: code }, message } };
}

const RELEASE: readonly WedgeEffect[] = [{ kind: 'release' }];

function fail(code: WedgeListenerCode, params: WedgeFailure['params'] = {}): readonly WedgeEffect[] {
  return [{ kind: 'error', error: wedgeFailure(code, params as never) }];
}

/**
 * Evaluates a burst at its end: its verdict (a scan or a refusal), `release` (a recognized burst that was typing
 * after all), or nothing.
 */
export function evaluateBurst(
  burst: Burst,
  end: BurstEnd,
  options: ResolvedWedgeOptions,
): readonly WedgeEffect[] {
  const effects = judgeBurst(burst, end, options);
  if (effects.some((e) => e.kind === 'scan')) return effects;
  if (burst.rest === true) {
    // The rest of a reading refused as interrupted: not reported again, and its terminator is the reader's too.
    const t = end.kind === 'complete' && end.silent !== true ? [{ t: end.t, code: '', readings: [] }] : [];
    return hasReaderTiming([...burst.chars, ...t], options.maxMedianInterKeyMs) ? [] : RELEASE;
  }
  if (burst.host !== true) return effects;
  const refused = effects.find((e) => e.kind === 'error');
  if (refused?.kind === 'error' && isCardReading(burst, refused.error.code, options)) return effects;
  // In the page's own field anything but a card is the page's (a product barcode): given back, no refusal shown.
  return burst.recognized ? RELEASE : [];
}

/** A refused burst that is still a card's reading (kept from the page's field): a valid ID through either reading. */
function isCardReading(burst: Burst, code: string, options: ResolvedWedgeOptions): boolean {
  if (code === 'repeated-key') return true;
  const content = contentOf(burst, options);
  return [0, 1].some((r) => options.parse(textOf(content, r), options.cardIdOptions).ok);
}

/** The one card ID the reading gives without some of its repeated keydowns, or `'several'`. */
function withoutRepeats(content: readonly BurstChar[], options: ResolvedWedgeOptions) {
  const repeats = content.flatMap((c, i) => (c.repeat === true ? [i] : [])).slice(0, 8);
  const found = new Map<string, { parsed: CardIdParseResult & { ok: true }; content: BurstChar[] }>();
  for (let mask = 1; mask < 1 << repeats.length; mask++) {
    const kept = content.filter((_, i) => !repeats.some((r, b) => r === i && (mask >> b) & 1));
    const parsed = options.parse(textOf(kept), options.cardIdOptions);
    if (parsed.ok) found.set(parsed.id, { parsed, content: kept });
  }
  return found.size > 1 ? 'several' : found.values().next().value;
}

/** A whole card ID and its terminator, slower than the set timing, with nothing focused: said, not dropped. */
function tooSlow(burst: Burst, chars: readonly BurstChar[], end: BurstEnd, options: ResolvedWedgeOptions) {
  const content = stripAffixes(chars, options.prefix, options.suffix);
  // Ended by silence, not a terminator: a person who paused, not a reader.
  if (end.kind !== 'complete' || end.silent === true || burst.host === true || content === undefined)
    return [];
  const card = options.parse(textOf(content), options.cardIdOptions).ok;
  return card ? fail('reading-too-slow', { medianMs: Math.round(median(gapsOf(chars))) }) : [];
}

function judgeBurst(burst: Burst, end: BurstEnd, options: ResolvedWedgeOptions): readonly WedgeEffect[] {
  const { recognized } = burst;
  const chars = trimControls(burst.chars);
  const readerLike = recognized || hasReaderTiming(chars, options.maxMedianInterKeyMs);
  const release = recognized ? RELEASE : [];
  if (!readerLike) return tooSlow(burst, chars, end, options);
  let content = stripAffixes(chars, options.prefix, options.suffix);
  const longEnough = content !== undefined && content.length >= options.minLength;

  if (end.kind === 'gap' || end.kind === 'interrupted') {
    const missing = recognized && end.kind === 'gap' && longEnough;
    return missing
      ? fail('terminator-missing', { expected: describeTerminator(options.terminator) })
      : release;
  }
  // Ended by silence, or by a key after a pause (never with terminator `'none'`, where silence is the terminator).
  const bySilence = end.kind === 'pause' || (end.kind === 'complete' && end.silent === true);
  // With `'auto'`, silence or a pause after a few fast keys was a person's quick keys: given back, no refusal.
  if (bySilence && options.terminator !== 'none' && !longEnough) return release;
  if (end.kind === 'other-terminator') {
    const expected = describeTerminator(options.terminator);
    return longEnough ? fail('terminator-mismatch', { expected, received: end.received }) : release;
  }
  if (content === undefined) return recognized ? fail('affix-missing') : [];
  if (!longEnough)
    return recognized
      ? fail('burst-too-short', { length: content.length, minLength: options.minLength })
      : [];
  if (hasForeignKey(chars, end.t)) return fail('mixed-input');
  if (content.some((c) => c.readings.length > 1))
    return fail('layout-mismatch', { hostLayouts: layoutsOfAmbiguity(content) });
  // Keys the device did not identify (Android, iPad: `Unidentified`) whose text never came: not "not a card ID".
  if (content.some((c) => c.readings.length === 0)) return fail('keys-unidentified');
  let parsed = options.parse(textOf(content), options.cardIdOptions);
  // A held key's extra repeats: read without them when that gives one card ID (not in the page's own fields).
  const bare = parsed.ok || burst.host === true ? undefined : withoutRepeats(content, options);
  if (bare === 'several') return fail('repeated-key');
  if (bare !== undefined) {
    parsed = bare.parsed;
    content = bare.content;
  }
  const raw = textOf(content);
  const silent = bySilence || options.terminator === 'none';
  const valid = (text: string) => options.parse(text, options.cardIdOptions).ok;
  // Without its last character the reading may be another valid card: refuse rather than guess which.
  if (parsed.ok && silent && hasLateLastKey(content) && valid(raw.slice(0, -1))) return fail('mixed-input');
  const without = (i: number) => textOf(content.filter((_, j) => j !== i));
  // A repeated keydown is a doubled character or one press reported twice: refuse when both read as a card.
  if (parsed.ok && content.some((c, i) => c.repeat === true && valid(without(i))))
    return fail('repeated-key');
  // A character after a pause: the reader stalled mid-ID, or a person typed after the reading.
  if (end.kind === 'pause' && couldGrow(parsed.ok ? parsed.id : raw, options))
    return fail('reading-interrupted');
  // The parser's text says what is wrong (length, prefix, check character) without echoing the ID.
  if (!parsed.ok) return [notACardId(parsed.error)];
  const scan = scanOf(parsed, 'keys', Math.max(0, end.t - (chars[0]?.t ?? end.t)), chars.length);
  return [{ kind: 'scan', scan }];
}

/**
 * Effects of one paste (readers that paste): exactly one card ID (with affixes and line end) is a scan, a legacy
 * code is refused, anything else is the user's; in the page's own field only with `acceptPaste: 'anywhere'`.
 */
export function pasteEffects(record: WedgeTextRecord, options: ResolvedWedgeOptions): WedgeEffect[] {
  if (options.acceptPaste === false) return [];
  if (record.hostField === true && options.acceptPaste !== 'anywhere') return [];
  let text = record.text.replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
  const { prefix, suffix } = options;
  if (prefix !== '' && text.toUpperCase().startsWith(prefix.toUpperCase())) text = text.slice(prefix.length);
  if (suffix !== '' && text.toUpperCase().endsWith(suffix.toUpperCase()))
    text = text.slice(0, text.length - suffix.length);
  if (text.length < options.minLength || text.length > 64 || !/^[0-9A-Za-z]+$/.test(text)) return [];
  const parsed = options.parse(upperAscii(text), options.cardIdOptions);
  if (!parsed.ok) {
    if (parsed.error.code !== 'legacy-code' || record.hostField === true) return [];
    return [notACardId(parsed.error), ...SUPPRESS];
  }
  return [{ kind: 'scan', scan: scanOf(parsed, 'paste', 0, 0) }, ...SUPPRESS];
}

/**
 * A scan waiting for its terminator's keyup (a few ms): a key down meanwhile, or a character still held then, is a
 * person's (an Enter one digit early turns AM000000000 into the valid AM00000000): refused.
 */
export type PendingScan = {
  readonly effect: Extract<WedgeEffect, { kind: 'scan' }>;
  /** The terminator's code, whose keyup releases the scan. */
  readonly code: string;
  readonly t: number;
  readonly chars: readonly BurstChar[];
  /** The terminator came up while a character was still held (a reader rolling over): wait for its keyup. */
  readonly up?: boolean;
};

/** Longest a terminator may stay down before the scan is released anyway (a lost keyup). */
export const PENDING_HOLD_MS = 100;

/** The refusal of a scan a person's key got into (another key down while the terminator is held, a key held). */
export const MIXED: WedgeEffect = { kind: 'error', error: wedgeFailure('mixed-input', {}) };

const held = (pending: PendingScan): boolean => pending.chars.some((c) => c.up === undefined);

const rollsOver = (chars: readonly BurstChar[]): boolean =>
  chars.some((c, i) => (c.up ?? -Infinity) > (chars[i + 1]?.t ?? Infinity));

/** The scan, unless a character of the burst is still held or was held like a person's key: then a refusal. */
function outcome(pending: PendingScan): WedgeEffect[] {
  return [held(pending) || hasForeignKey(pending.chars, pending.t) ? MIXED : pending.effect];
}

/** Holds a scan until its terminator comes up, when the reader is one that sends keyups at all. */
export function holdScan(
  effects: readonly WedgeEffect[],
  chars: readonly BurstChar[],
  terminator: WedgeKeyRecord,
): PendingScan | undefined {
  const effect = effects.find((e): e is Extract<WedgeEffect, { kind: 'scan' }> => e.kind === 'scan');
  if (effect === undefined || !chars.some((c) => c.up !== undefined)) return undefined;
  return { effect, code: terminator.code, t: terminator.timeStamp, chars };
}

/** A keyup while a scan waits: the terminator's releases it once no character is held (their holds decide). */
export function releaseOnKeyUp(
  pending: PendingScan,
  record: WedgeKeyRecord,
): { pending: PendingScan | undefined; effects: WedgeEffect[] } {
  const next =
    record.code === pending.code
      ? { ...pending, up: true }
      : { ...pending, chars: releaseChar(pending.chars, record.code, record.timeStamp) };
  // A rolling reader may still hold its last character when the terminator is up: wait, and let the holds decide.
  return next.up === true && (!held(next) || !rollsOver(next.chars))
    ? { pending: undefined, effects: outcome(next) }
    : { pending: next, effects: [] };
}

/** The terminator's keyup never came: release the scan after `PENDING_HOLD_MS`, if every character was released. */
export function releaseOnSilence(pending: PendingScan, t: number): WedgeEffect[] | undefined {
  return t - pending.t < PENDING_HOLD_MS ? undefined : outcome(pending);
}
