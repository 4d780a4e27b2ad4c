/**
 * How rules functions read their input and word its refusals: their `createReason` (rendering from the rules' own
 * table only, see messages/reason-factory.ts), validation issues as reasons — `unknown-field` (with the field it
 * probably meant) or `invalid-input` with a problem code people can read, paths and codes only, never the values
 * (they may be card IDs) — and the `policy` read beside the data: a policy object, a version string, or nothing.
 */
import type * as z from 'zod/mini';
import { reasonFactory } from '../messages/reason-factory.js';
import { rulesMessages } from '../messages/rules.js';
import type { RenderedReason } from '../messages/index.js';
import { DEFAULT_POLICY, getPolicy, type OperatingModelPolicy } from '../policy/policies.js';
import { toFieldIssues, type FieldIssue } from '../schemas/field-issues.js';

/**
 * `{ code, params, message }` of a rules code, the message in Finnish, Swedish and English.
 *
 * @example
 * createReason('children-on-course', {}).message.sv;
 */
export const createReason = /* @__PURE__ */ reasonFactory(rulesMessages);

type Issue = Parameters<typeof toFieldIssues>[0][number];

/**
 * Turns zod issues into reasons, at most ten; `schema` (and `extraKeys` read beside it) give the known fields for
 * suggestions.
 *
 * @example
 * issuesToReasons([{ path: ['event'], code: 'unrecognized_keys', keys: ['given'] }], DecideUsageInputSchema);
 * // [{ code: 'unknown-field', params: { path: 'event.given', suggestion: 'ticketsGiven' }, … }]
 */
export function issuesToReasons(
  issues: readonly Issue[],
  schema?: unknown,
  extraKeys: readonly string[] = [],
  input?: unknown,
): RenderedReason<'invalid-input' | 'unknown-field'>[] {
  return toFieldIssues(issues, schema, extraKeys, input).map(fieldIssueToReason);
}

/**
 * One field issue as a reason.
 *
 * @example
 * fieldIssueToReason({ path: 'policy', problem: 'wrong-type' }).message.en; // '`policy` has the wrong type.'
 */
export function fieldIssueToReason(issue: FieldIssue): RenderedReason<'invalid-input' | 'unknown-field'> {
  if (issue.problem === 'unknown-field') {
    return createReason('unknown-field', {
      path: issue.path,
      ...(issue.suggestion ? { suggestion: issue.suggestion } : {}),
    });
  }
  return createReason('invalid-input', { path: issue.path, problem: issue.problem });
}

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
