/** zod issues as `invalid-input` reasons: paths and issue codes only, never the values (they may be card IDs). */
import { createReason } from './rules-reason.js';
import type { RenderedReason } from '../messages/index.js';

type Issue = { readonly path: readonly PropertyKey[]; readonly code: string };

const MAX_ISSUES = 10;

/**
 * Turns zod issues into reasons, at most ten.
 *
 * @example
 * issuesToReasons([{ path: ['event', 'start'], code: 'invalid_format' }]); // [{ code: 'invalid-input', params: { path: 'event.start', … } }]
 */
export function issuesToReasons(issues: readonly Issue[]): RenderedReason<'invalid-input'>[] {
  return issues.slice(0, MAX_ISSUES).map((issue) =>
    createReason('invalid-input', {
      path: issue.path.length > 0 ? issue.path.map((p) => String(p)).join('.') : '(input)',
      problem: issue.code,
    }),
  );
}
