import { fieldIssueToReason, toFieldIssues } from '@kaiku-scanner/core/contract';
import type { Problem } from '@kaiku-scanner/core/contract';
import type * as z from 'zod/mini';
import { problems } from './respond.js';

/**
 * A body's validation issues as the contract reports them: a stable problem code per field, and for an unknown
 * field the one it probably meant (`"Cap": 1` → `cap`), so nothing sent is silently dropped or misread.
 * `prefix` puts the paths of a part (`show.`) in the whole body's terms; `path` names a lone value (`showId`).
 */
export function invalidBody(
  error: z.core.$ZodError,
  schema: unknown,
  value: unknown,
  options: { readonly what?: string; readonly prefix?: string; readonly path?: string } = {},
): Problem {
  const issues = toFieldIssues(error.issues, schema, [], value).map((issue) => ({
    ...issue,
    path:
      options.path ?? (options.prefix ?? '') + (issue.path === '(input)' && options.prefix ? '' : issue.path),
  }));
  const detail = issues.map((issue) => fieldIssueToReason(issue).message.en).join(' ');
  return problems.invalid(
    issues.map(({ path, problem, suggestion }) => ({
      path,
      code: problem,
      ...(suggestion ? { suggestion } : {}),
    })),
    options.what ? `${options.what} ${detail}` : detail,
  );
}
