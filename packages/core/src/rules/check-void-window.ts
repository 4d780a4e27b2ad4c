import { DEFAULT_POLICY, type OperatingModelPolicy } from '../policy/policies.js';
import { formatHelsinki } from './helsinki-time.js';
import { createReason } from './rules-input.js';
import type { RenderedReason } from '../messages/index.js';

/** What `checkVoidWindow` needs: instants as ISO strings or `Date`s, and the policy (default: the newest). */
export type VoidWindowInput = {
  readonly registeredAt: string | Date;
  /** The show's start: a usage is never voided once its show has begun. */
  readonly showStart: string | Date;
  readonly now: Date;
  readonly policy?: OperatingModelPolicy;
};

/** The refusal of a void after its window (closing time in Helsinki time), or before its registration by the clock
 * (`void-clock-behind`: the clock was set back), with its text in every language. */
export type VoidWindowReason = RenderedReason<'void-window-closed' | 'void-clock-behind'>;

/**
 * `closesAt`: the last instant the usage may be voided (ISO). After it, the reason `void-window-closed` with the
 * closing time in Helsinki (`params.closesAt`, as the other window reasons) and its text in every language.
 */
export type VoidWindowResult = { readonly closesAt: string } & (
  { readonly ok: true } | { readonly ok: false; readonly reasons: readonly [VoidWindowReason] }
);

/**
 * Whether a usage may still be voided: within the policy's `usage.voidWithinMinutes` after its registration and
 * before its show starts, whichever closes first. Never while `now` is before the registration (`void-clock-behind`):
 * the clock has been set back since, so how long ago it was is unknown. Pure: the clock comes in as `now`.
 *
 * @example
 * checkVoidWindow({ registeredAt: '2026-12-03T15:00:00Z', showStart: '2026-12-03T16:00:00Z', now }).ok;
 */
export function checkVoidWindow(input: VoidWindowInput): VoidWindowResult {
  const minutes = (input.policy ?? DEFAULT_POLICY).usage.voidWithinMinutes;
  const now = input.now.getTime();
  const at = new Date(input.registeredAt).getTime();
  const limit = Math.min(at + minutes * 60_000, new Date(input.showStart).getTime());
  const closes = new Date(Number.isNaN(limit) ? 0 : limit);
  const closesAt = closes.toISOString();
  if (now < at) return { ok: false, closesAt, reasons: [createReason('void-clock-behind', {})] };
  if (now <= closes.getTime()) return { ok: true, closesAt };
  const reason = createReason('void-window-closed', { closesAt: formatHelsinki(closes) });
  return { ok: false, closesAt, reasons: [reason] };
}
