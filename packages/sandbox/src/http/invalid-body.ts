import { fieldIssueToReason, toFieldIssues } from '@kaiku-scanner/core/contract';
import type { ServerResponse } from 'node:http';
import type * as z from 'zod/mini';
import { problems, sendProblem } from './respond.js';

/**
 * `value` as `schema` reads it, or `undefined` once the problem naming each bad field is answered: a stable problem
 * code per field, and for an unknown field the one it probably meant (`"Cap": 1` → `cap`), so nothing sent is
 * silently dropped or misread. `prefix` puts the paths of a part (`show.`) in the whole body's terms; `path` names a
 * lone value (`showId`); `what` opens the detail.
 */
export function parseOrRefuse<T>(
  res: ServerResponse,
  schema: z.ZodMiniType<T>,
  value: unknown,
  options: { readonly what?: string; readonly prefix?: string; readonly path?: string } = {},
): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { what, prefix = '', path } = options;
  const issues = toFieldIssues(parsed.error.issues, schema, [], value).map((issue) => ({
    ...issue,
    path: path ?? prefix + (issue.path === '(input)' && prefix ? '' : issue.path),
  }));
  const detail = issues.map((issue) => fieldIssueToReason(issue).message.en).join(' ');
  const codes = issues.map(({ path: p, problem, suggestion }) => ({
    path: p,
    code: problem,
    ...(suggestion ? { suggestion } : {}),
  }));
  sendProblem(res, problems.invalid(codes, what ? `${what} ${detail}` : detail));
  return undefined;
}
