/**
 * A server's reasons are untyped data: rendered as they are, "Kortti oli voimassa undefined asti" reaches a clerk.
 * `readServerReason` checks every parameter against the message it fills.
 */
import { API_PARAMS, apiMessages } from './api.js';
import {
  renderAll,
  type LocalizedMessage,
  type LocalizedText,
  type MessageParams,
  type ParamSpec,
} from './define.js';
import { RULES_PARAMS, rulesMessages } from './rules.js';
import type { ProblemReason } from '../schemas/api-responses.js';
import { ownValue } from '../schemas/own-value.js';

/** The parameters of the codes a Kaikukanta server may refuse with (the rules' and the contract's own) that have any. */
const SPECS: Readonly<Record<string, Readonly<Record<string, ParamSpec>>>> = {
  ...RULES_PARAMS,
  ...API_PARAMS,
};
const TABLES = /* @__PURE__ */ Object.assign({}, rulesMessages, apiMessages) as unknown as Readonly<
  Record<string, LocalizedMessage<MessageParams>>
>;

/** A server reason whose parameters have been checked, rendered in every language. */
export type ServerReason = {
  /** The server's code, as sent (also when this SDK has no text for it). */
  readonly code: string;
  readonly message: LocalizedText;
};

function fits(value: unknown, kind: ParamSpec['kind']): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'string') return typeof value === 'string' && value.trim() !== '';
  return typeof value === 'string' && kind.includes(value);
}

/** Only the parameters the message reads, each of the right kind; undefined when one is missing or wrong. */
function checkParams(spec: Readonly<Record<string, ParamSpec>>, raw: unknown): MessageParams | undefined {
  const params = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
  const out: Record<string, string | number> = {};
  for (const [key, { optional, kind }] of Object.entries(spec)) {
    const value = ownValue(params as Record<string, unknown>, key);
    if ((value === undefined || value === null) && optional) continue;
    if (!fits(value, kind)) return undefined;
    out[key] = value as string | number;
  }
  return out;
}

/**
 * Renders a server's reason in every language; a missing or malformed parameter, or a code without a text (a newer
 * server), reads as `refusal-unreadable` naming the code, never a text with a hole in it.
 */
export function readServerReason(wire: ProblemReason): ServerReason {
  const code = wire.code;
  // A code of the tables that declares no parameters has none.
  const params = ownValue(TABLES, code) ? checkParams(ownValue(SPECS, code) ?? {}, wire.params) : undefined;
  if (params) return { code, message: renderAll(TABLES[code]!, params) };
  return { code, message: renderAll(apiMessages['refusal-unreadable'], { problemCode: code }) };
}

/**
 * Every reason of a server refusal, rendered: the problem's `reasons`, or its `code` alone when it lists none.
 *
 * @example
 * readProblemReasons({ code: 'card-not-registered' }).map((r) => r.code); // ['card-not-registered']
 */
export function readProblemReasons(problem: {
  readonly code: string;
  readonly reasons?: readonly ProblemReason[] | undefined;
}): ServerReason[] {
  const list = problem.reasons && problem.reasons.length > 0 ? problem.reasons : [{ code: problem.code }];
  return list.map(readServerReason);
}
