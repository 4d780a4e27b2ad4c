/** How rules functions read their input (`policy` beside the data) and word its refusals: paths, never values. */
import type * as z from 'zod/mini';
import { reasonFactory } from '../messages/define.js';
import { rulesMessages } from '../messages/rules.js';
import type { RenderedReason } from '../messages/index.js';
import { DEFAULT_POLICY, getPolicy, type OperatingModelPolicy } from '../policy/policies.js';
import { toFieldIssues, type FieldIssue } from '../schemas/field-issues.js';

/** `{ code, params, message }` of a rules code, the message in Finnish, Swedish and English. */
export const createReason = /* @__PURE__ */ reasonFactory(rulesMessages);

type Issue = Parameters<typeof toFieldIssues>[0][number];

/** Zod issues as reasons (at most ten); `schema` and `extraKeys` give the known fields for suggestions. */
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
  const { path, problem, suggestion } = issue;
  if (problem !== 'unknown-field') return createReason('invalid-input', { path, problem });
  return createReason('unknown-field', { path, ...(suggestion ? { suggestion } : {}) });
}

/** The policy to decide by (nothing = the newest), or why not: `unknown-policy`, or `invalid-input` at `policy`. */
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function isPolicy(value: unknown): value is OperatingModelPolicy {
  return isObject(value) && typeof value.version === 'string' && isObject(value.cap) && isObject(value.usage);
}

type InputReason = RenderedReason<'invalid-input' | 'unknown-field' | 'unknown-policy'>;

/**
 * Runs a rules function: the data checked against `schema`, `policy` read beside it (`version`: the data's default),
 * then `decide`. Never throws: bad data, an unknown policy or a hostile input (a throwing getter) go to `refuse`.
 */
export function withRulesInput<S extends z.ZodMiniType, R>(
  input: unknown,
  schema: S,
  version: (data: z.infer<S>) => string | undefined,
  decide: (data: z.infer<S>, policy: OperatingModelPolicy) => R,
  refuse: (reasons: InputReason[]) => R,
): R {
  try {
    const record = isObject(input) && !Array.isArray(input);
    const { policy: requested, ...data } = (record ? input : {}) as { policy?: unknown };
    const parsed = schema.safeParse(record ? data : input);
    if (!parsed.success) return refuse(issuesToReasons(parsed.error.issues, schema, ['policy'], input));
    const policy = readPolicy(requested, version(parsed.data));
    return policy.ok ? decide(parsed.data, policy.policy) : refuse([policy.reason]);
  } catch {
    return refuse([createReason('invalid-input', { path: '(input)', problem: 'unreadable' })]);
  }
}
