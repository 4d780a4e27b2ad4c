/**
 * Decides what a finished burst was: a card, a reader's failed reading (a stable error), or typing (nothing).
 * Only a burst with a reader's timing, enough characters, unambiguous characters and a valid card ID is a card.
 */
import { renderAll } from '../../messages/define.js';
import { wedgeListenerMessages, type WedgeListenerCode } from '../../messages/wedge-listener.js';
import {
  hasForeignKey,
  hasLateLastKey,
  hasReaderTiming,
  layoutsOfAmbiguity,
  stripAffixes,
  upperAscii,
  type Burst,
} from './burst-checks.js';
import { trimControls } from './burst-edits.js';
import { describeTerminator, type ResolvedWedgeOptions } from './wedge-options.js';
import type { CardIdParseResult, WedgeEffect, WedgeFailure, WedgeScan } from './types.js';

/** How the burst ended: its terminator (or silence with terminator `'none'`), another Enter/Tab, a pause, a non-character key. */
export type BurstEnd =
  | { readonly kind: 'complete'; readonly t: number }
  | { readonly kind: 'other-terminator'; readonly t: number; readonly received: string }
  | { readonly kind: 'gap' }
  | { readonly kind: 'interrupted' };

export type Evaluation = { readonly effects: WedgeEffect[]; readonly suppressEnd: boolean };

type Params = WedgeFailure['params'];

/** Builds a failure from the listener's message table. */
export function wedgeFailure(code: WedgeListenerCode, params: Params = {}): WedgeFailure {
  const message = renderAll(wedgeListenerMessages[code] as Parameters<typeof renderAll>[0], params);
  return { code, params, message };
}

/** A scan from a valid card ID: the card's fields only, whatever else a custom `parse` returns. */
export function scanOf(
  parsed: Extract<CardIdParseResult, { ok: true }>,
  source: WedgeScan['source'],
  durationMs: number,
  keyCount: number,
): WedgeScan {
  const { id, prefix, kind, medium } = parsed;
  return { id, prefix, kind, medium, source, durationMs, keyCount };
}

const NOTHING: Evaluation = { effects: [], suppressEnd: false };

function fail(code: WedgeListenerCode, params: Params = {}): Evaluation {
  return { effects: [{ kind: 'error', error: wedgeFailure(code, params) }], suppressEnd: true };
}

/**
 * Evaluates a burst at its end.
 *
 * @example
 * evaluateBurst(burst, { kind: 'complete', t: 120 }, resolveWedgeOptions()); // { effects: [{ kind: 'scan', … }], … }
 */
export function evaluateBurst(burst: Burst, end: BurstEnd, options: ResolvedWedgeOptions): Evaluation {
  const { recognized } = burst;
  const chars = trimControls(burst.chars);
  const readerLike = recognized || hasReaderTiming(chars, options.maxMedianInterKeyMs);
  const release: Evaluation = recognized ? { effects: [{ kind: 'release' }], suppressEnd: false } : NOTHING;
  if (!readerLike) return NOTHING;
  const content = stripAffixes(chars, options.prefix, options.suffix);
  const longEnough = content !== undefined && content.length >= options.minLength;

  if (end.kind === 'gap' || end.kind === 'interrupted') {
    if (recognized && end.kind === 'gap' && longEnough) {
      return {
        ...fail('terminator-missing', { expected: describeTerminator(options.terminator) }),
        suppressEnd: false,
      };
    }
    return release;
  }
  if (end.kind === 'other-terminator') {
    if (!longEnough) return release;
    return fail('terminator-mismatch', {
      expected: describeTerminator(options.terminator),
      received: end.received,
    });
  }
  if (content === undefined) return recognized ? fail('affix-missing') : NOTHING;
  if (!longEnough) {
    return recognized
      ? fail('burst-too-short', { length: content.length, minLength: options.minLength })
      : NOTHING;
  }
  if (hasForeignKey(chars, end.t)) return fail('mixed-input');
  if (content.some((c) => c.readings.length > 1)) {
    return fail('layout-mismatch', { hostLayouts: layoutsOfAmbiguity(content) });
  }
  if (content.some((c) => c.readings.length === 0))
    return fail('not-a-card-id', { reason: 'unidentified-key' });
  const raw = upperAscii(content.map((c) => c.readings[0] ?? '').join(''));
  const parsed = options.parse(raw, options.cardIdOptions);
  if (parsed.ok && options.terminator === 'none' && hasLateLastKey(content)) {
    // Without its last character the reading may be another valid card: refuse rather than guess which.
    if (options.parse(raw.slice(0, -1), options.cardIdOptions).ok) return fail('mixed-input');
  }
  if (!parsed.ok) {
    // The card-ID area's text says precisely what is wrong (length, prefix, check character) without echoing the ID.
    return {
      effects: [
        {
          kind: 'error',
          error: {
            code: 'not-a-card-id',
            params: { reason: parsed.error.code },
            message: parsed.error.message,
          },
        },
      ],
      suppressEnd: true,
    };
  }
  const scan = scanOf(parsed, 'keys', Math.max(0, end.t - (chars[0]?.t ?? end.t)), chars.length);
  return { effects: [{ kind: 'scan', scan }], suppressEnd: true };
}
