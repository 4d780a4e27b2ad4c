import { fieldIssueToReason, toFieldIssues } from '@kaiku-scanner/core/contract';
import type { ServerResponse } from 'node:http';
import type { Problem } from '@kaiku-scanner/core/contract';
import type * as z from 'zod/mini';
import { problems, sendProblem } from './respond.js';

type Options = { readonly what?: string; readonly prefix?: string; readonly path?: string };

/**
 * A body's validation issues as the contract reports them: a stable problem code per field, and for an unknown
 * field the one it probably meant (`"Cap": 1` → `cap`), so nothing sent is silently dropped or misread.
 * `prefix` puts the paths of a part (`show.`) in the whole body's terms; `path` names a lone value (`showId`).
 */
export function invalidBody(
  error: z.core.$ZodError,
  schema: unknown,
  value: unknown,
  options: Options = {},
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

/** `value` as `schema` reads it, or `undefined` once the problem naming each bad field is answered. */
export function parseOrRefuse<T>(
  res: ServerResponse,
  schema: z.ZodMiniType<T>,
  value: unknown,
  options: Options = {},
): T | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  sendProblem(res, invalidBody(parsed.error, schema, value, options));
  return undefined;
}
