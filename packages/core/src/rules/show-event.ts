/** The one mapping from a show's settings (`ShowConfigSchema`'s shape) to `decideUsage`'s `event` and the `Show`. */
import { ShowSchema, type Show } from '../schemas/api-request.js';
import { ShowConfigSchema, type ShowConfig, type UsageEventInput } from '../schemas/show-config.js';
import type { RenderedReason } from '../messages/index.js';
import { issuesToReasons } from './rules-input.js';

/** A show's settings as hosts hold them (`cap` may be absent or `null`: no cap). */
type ShowSettings = Partial<ShowConfig> & Pick<ShowConfig, 'kind' | 'start'>;

/**
 * The state of the show at decision time: tickets given so far (all terminals), and the cap when the server's
 * tally knows a newer one than the settings (`null` = no cap).
 */
export type ShowState = { readonly ticketsGiven: number; readonly cap?: number | null };

/**
 * `decideUsage`'s `event` for a show: the `ShowConfigSchema` settings that are set, plus the tickets given so far;
 * `state.cap`, when given, replaces the setting's cap.
 *
 * @example
 * decideUsage({ card, event: toUsageEvent(show, { ticketsGiven: 2 }), request, now });
 */
export function toUsageEvent(show: ShowSettings, state: ShowState): UsageEventInput {
  const event = pickSet(show, ShowConfigSchema.shape, false);
  if (state.cap !== undefined) event.cap = state.cap;
  return { ...(event as ShowSettings), ticketsGiven: state.ticketsGiven };
}

/**
 * The contract's `Show` of a usage: the keys of `ShowSchema` that are set (a `null` cap, no cap, left out).
 *
 * @example
 * const usage: UsageRequest = { venueId, show: toApiShow(show), cardId, childTickets: 0, channel, mode, clientTime };
 */
export function toApiShow(show: ShowSettings & Pick<Show, 'id' | 'name'>): Show {
  return pickSet(show, ShowSchema.shape, true) as Show;
}

/** The keys of a schema's `shape` that `source` sets (to `null` too, unless `dropNull`), in the shape's order. */
function pickSet(source: object, shape: object, dropNull: boolean): Record<string, unknown> {
  const values = source as Record<string, unknown>;
  const set = Object.keys(shape).filter((k) => values[k] !== undefined && !(dropNull && values[k] === null));
  return Object.fromEntries(set.map((k) => [k, values[k]]));
}

/**
 * Checks a show's settings as a host gives them: every key a `ShowConfigSchema` setting (a misspelt one is
 * `unknown-field` with a suggestion), every value valid. Never throws; each reason names the field.
 *
 * @example
 * checkShowSettings({ kind: 'show', start: '2026-02-03T18:00:00+02:00', Cap: 6 });
 * // { ok: false, reasons: [{ code: 'unknown-field', params: { path: 'Cap', suggestion: 'cap' }, … }] }
 */
export function checkShowSettings(
  show: unknown,
):
  | { readonly ok: true; readonly show: ShowConfig }
  | { readonly ok: false; readonly reasons: RenderedReason<'invalid-input' | 'unknown-field'>[] } {
  try {
    const parsed = ShowConfigSchema.safeParse(show);
    if (parsed.success) return { ok: true, show: parsed.data };
    return { ok: false, reasons: issuesToReasons(parsed.error.issues, ShowConfigSchema, [], show) };
  } catch {
    return { ok: false, reasons: [issuesToReasons([{ code: 'custom', path: [] }])[0]!] };
  }
}
