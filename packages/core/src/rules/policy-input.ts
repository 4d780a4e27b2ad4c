/** The `policy` that rules functions take beside their data: a policy object, a version string, or nothing. */
import type * as z from 'zod/mini';
import { createReason } from './rules-reason.js';
import { issuesToReasons } from './input-issues.js';
import type { RenderedReason } from '../messages/index.js';
import type { OperatingModelPolicy } from '../policy/operating-model-policy.js';
import { DEFAULT_POLICY, getPolicy } from '../policy/policies.js';

/**
 * The policy to decide by, or the reason it cannot be used: an unknown version is `unknown-policy`, anything but
 * a version string or a policy object (`{ policy: 2020 }`) is `invalid-input` at `policy`. Nothing = the newest.
 * Never throws.
 */
function readPolicy(
  value: unknown,
  fallback: OperatingModelPolicy | string | undefined,
):
  | { readonly ok: true; readonly policy: OperatingModelPolicy }
  | { readonly ok: false; readonly reason: RenderedReason<'invalid-input' | 'unknown-policy'> } {
  const requested = value ?? fallback;
  if (requested === undefined) return { ok: true, policy: DEFAULT_POLICY };
  if (typeof requested === 'string') {
    const policy = getPolicy(requested);
    return policy
      ? { ok: true, policy }
      : { ok: false, reason: createReason('unknown-policy', { version: requested }) };
  }
  if (isPolicy(requested)) return { ok: true, policy: requested };
  return { ok: false, reason: createReason('invalid-input', { path: 'policy', problem: 'wrong-type' }) };
}

function isPolicy(value: unknown): value is OperatingModelPolicy {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Record<keyof OperatingModelPolicy, unknown>>;
  return (
    typeof p.version === 'string' &&
    typeof p.cap === 'object' &&
    p.cap !== null &&
    typeof p.usage === 'object' &&
    p.usage !== null
  );
}

/** The refusals of reading a rules function's input. */
type InputReason = RenderedReason<'invalid-input' | 'unknown-field' | 'unknown-policy'>;

/**
 * Runs a rules function on its input: the data checked against `schema` (every key but `policy` must be the
 * schema's), `policy` read beside it (`version`: the data's own default version), then `decide`. Never throws: bad
 * data or an unknown policy goes to `refuse` with its reasons, a hostile input (a throwing getter, a proxy) too, as
 * `invalid-input` at `(input)`.
 *
 * @example
 * withRulesInput(input, CapSettingInputSchema, () => undefined, checkParsed, ([first]) => ({ ok: false, error: first }));
 */
export function withRulesInput<S extends z.ZodMiniType, R>(
  input: unknown,
  schema: S,
  version: (data: z.infer<S>) => string | undefined,
  decide: (data: z.infer<S>, policy: OperatingModelPolicy) => R,
  refuse: (reasons: InputReason[]) => R,
): R {
  try {
    const record = typeof input === 'object' && input !== null && !Array.isArray(input);
    const { policy: requested, ...data } = (record ? input : {}) as { policy?: unknown };
    const parsed = schema.safeParse(record ? data : input);
    if (!parsed.success) return refuse(issuesToReasons(parsed.error.issues, schema, ['policy'], input));
    const policy = readPolicy(requested, version(parsed.data));
    return policy.ok ? decide(parsed.data, policy.policy) : refuse([policy.reason]);
  } catch {
    return refuse([createReason('invalid-input', { path: '(input)', problem: 'unreadable' })]);
  }
}
