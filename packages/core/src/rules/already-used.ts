/** One free adult ticket per card per event (000 §9–10, 004 §8–9): a card's second usage for the same show. */
import type { ShowKind } from '../schemas/api-enums.js';
import type { EarlierUsage } from '../schemas/usage-input.js';
import type { UsagePolicy } from '../policy/policies.js';
import { createReason } from './rules-input.js';
import type { UsageReason } from './usage-types.js';
import { toDate } from './helsinki-time.js';

/**
 * Refuses a second usage of the card for this show, naming when and where the latest was. Collecting its own
 * booking is that booking's usage: it passes while no earlier usage is a collection.
 */
export function checkAlreadyUsed(
  mode: 'booking' | 'collection',
  earlier: readonly EarlierUsage[],
  kind: ShowKind,
  policy: UsagePolicy,
): UsageReason[] {
  if (earlier.length === 0 || !policy.oncePerShow.includes(kind)) return [];
  if (mode === 'collection' && earlier.every((u) => u.mode === 'booking')) return [];
  const latest = earlier.reduce((a, b) => (toTime(b) > toTime(a) ? b : a));
  const at = (toDate(latest.at) as Date).toISOString();
  return [createReason('already-used', latest.terminal ? { at, terminal: latest.terminal } : { at })];
}

const toTime = (usage: EarlierUsage): number => (toDate(usage.at) as Date).getTime();
