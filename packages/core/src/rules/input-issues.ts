/**
 * Validation issues as rules reasons: `unknown-field` (with the field it probably meant) or `invalid-input` with a
 * problem code people can read. Paths and codes only, never the values (they may be card IDs).
 */
import { createReason } from './rules-reason.js';
import type { RenderedReason } from '../messages/index.js';
import { toFieldIssues } from '../schemas/field-issues.js';
import type { FieldIssue } from '../schemas/field-issues.js';

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
