/**
 * Reading a server's problem document without its text: `title`, `detail` and extensions may hold a card ID or a
 * name and end up in error trackers, so only codes, checked parameters and field paths are kept.
 */
import { makeProblem, type Problem, type ProblemReason, ProblemSchema } from '../schemas/api-responses.js';
import { TerminalNameSchema } from '../schemas/usage-input.js';

/** A stable code: lower-case letters, digits and hyphens (never a card ID, never a sentence). */
const CODE = /^[a-z][a-z0-9-]{0,63}$/;
/** A parameter name as the message tables use them. */
const PARAM_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,31}$/;
/** Dates and times as the rules format them (`9.1.2026`, `9.1.2026 18.30`, ISO 8601). */
const DATE_OR_TIME =
  /^\d{1,4}[-.]\d{1,2}[-.]\d{1,4}(?:[ T]\d{1,2}[.:]\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A reason parameter the SDK keeps: a finite number, a boolean, a date or time, or a code. */
export type ReasonParamValue = string | number | boolean;

/** A refusal reason as the client passes it on: a code and checked, non-personal parameters. */
export type CheckedReason = {
  readonly code: string;
  readonly params: Readonly<Record<string, ReasonParamValue>>;
};

function checkedValue(value: unknown, name: string): ReasonParamValue | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return typeof value === 'boolean' ? value : undefined;
  const terminal = name === 'terminal' && TerminalNameSchema.safeParse(value).success;
  return CODE.test(value) || DATE_OR_TIME.test(value) || terminal ? value : undefined;
}

/**
 * The parameters of a reason that are plain values (numbers, booleans, dates, codes, a terminal's name); free text,
 * objects and anything else are dropped, so a card ID or a name in a parameter never reaches a message.
 *
 * @example
 * checkedParams({ cap: 6, validUntil: '9.1.2026', note: 'Card A045198723' }); // { cap: 6, validUntil: '9.1.2026' }
 */
export function checkedParams(params: unknown): Readonly<Record<string, ReasonParamValue>> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return {};
  const out: Record<string, ReasonParamValue> = {};
  for (const [name, value] of Object.entries(params as Record<string, unknown>).slice(0, 32)) {
    const checked = PARAM_NAME.test(name) ? checkedValue(value, name) : undefined;
    if (checked !== undefined) out[name] = checked;
  }
  return out;
}

function checkedReason(reason: ProblemReason): CheckedReason | undefined {
  return CODE.test(reason.code) ? { code: reason.code, params: checkedParams(reason.params) } : undefined;
}

/** A field path as the contract names fields (`usage.show.id`, `items.3.cardId`); a card ID is none. */
const FIELD_PATH = /^[a-z][a-zA-Z]{0,31}(?:\.(?:[a-z][a-zA-Z]{0,31}|\d{1,4})){0,7}$/;

/**
 * A problem document in the SDK's own words (code, status, checked reasons and issues; `type` and `title` rebuilt
 * from the code), or undefined when it is none or its `code` is no stable code (then the HTTP status decides).
 *
 * @example
 * readProblem({ type: 't', title: 'x', detail: 'Card A045198723', status: 404, code: 'card-not-registered' });
 * // { type: 'https://kaiku-scanner.dev/problems/card-not-registered', title: 'card-not-registered', status: 404, code: 'card-not-registered' }
 */
export function readProblem(value: unknown): Problem | undefined {
  const parsed = ProblemSchema.safeParse(value);
  if (!parsed.success || !CODE.test(parsed.data.code)) return undefined;
  const { status, code, reasons, issues } = parsed.data;
  const kept = reasons?.map(checkedReason).filter((r): r is CheckedReason => r !== undefined);
  const fields = issues?.filter((i) => FIELD_PATH.test(i.path) && CODE.test(i.code));
  return makeProblem(status, code, code, {
    ...(kept ? { reasons: kept } : {}),
    ...(fields ? { issues: fields.map(({ path, code: c }) => ({ path, code: c })) } : {}),
  });
}

/** The checked reasons of a problem read by `readProblem` (codes and plain parameters). */
export function problemReasons(problem: Problem): readonly CheckedReason[] {
  return (problem.reasons ?? []).map(checkedReason).filter((r): r is CheckedReason => r !== undefined);
}
