/**
 * Reasons that arrive from a server (a problem body's `code` and `reasons`) are untyped data: a field may be
 * missing, mistyped or renamed by another server version. Rendering them as they are is how
 * "Kortti oli voimassa undefined asti" reaches a clerk. `readServerReason` checks every parameter against the
 * message it fills, so the only reasons that reach a message function are ones whose parameters are all there.
 */
import { apiMessages, type ApiMessageCode } from './api.js';
import { cardIdMessages } from './card-id.js';
import { renderAll, type LocalizedMessage, type LocalizedText, type MessageParams } from './define.js';
import { rulesMessages, type RulesMessageCode } from './rules.js';
import { ownValue } from '../schemas/own-value.js';

/** A reason as a problem body carries it: a code and whatever parameters the server sent. */
export type WireReason = { readonly code: string; readonly params?: unknown };

/** Codes a Kaikukanta server may refuse with: the rules' refusal codes and the contract's own problem codes. */
export type ServerReasonCode = RulesMessageCode | ApiMessageCode;

type ParamsOfCode<C extends ServerReasonCode> =
  Parameters<(typeof rulesMessages & typeof apiMessages)[C]['en']> extends [infer P]
    ? P
    : Record<string, never>;

/** What one parameter must be: `'string'`/`'number'` (optional with `?`), or the list of allowed strings. */
type Kind<V> = [V] extends [number] ? 'number' : string extends V ? 'string' : readonly V[];
type Spec<P> = {
  readonly [K in keyof P]-?: undefined extends P[K]
    ? { readonly optional: true; readonly kind: Kind<Exclude<P[K], undefined>> }
    : { readonly optional?: false; readonly kind: Kind<P[K]> };
};

const str = { kind: 'string' } as const;
const num = { kind: 'number' } as const;
const optStr = { optional: true, kind: 'string' } as const;
const optNum = { optional: true, kind: 'number' } as const;
const capSpec = { cap: num, given: num, requested: num, remaining: num } as const;
const MEMBER_CAUSES = [
  ...(Object.keys(cardIdMessages) as (keyof typeof cardIdMessages)[]),
  'card-not-registered',
  'card-inactive',
  'card-use-banned',
  'card-in-transfer',
  'card-expired',
] as const;

/**
 * The parameters every server code's message needs. Typed against the message tables: a code without an entry, a
 * parameter left out, or a kind that does not match the message's parameter type does not compile.
 */
const SPECS: { readonly [C in ServerReasonCode]: Spec<ParamsOfCode<C>> } = {
  'invalid-input': { path: str, problem: str },
  'unknown-field': { path: str, suggestion: optStr },
  'card-id-invalid': { cause: str },
  'card-inactive': {},
  'card-use-banned': {},
  'card-in-transfer': {},
  'card-expired': { validUntil: str, today: str },
  'too-many-children': { requested: num, registered: num },
  'children-on-course': {},
  'children-on-community-card': {},
  'community-card-on-course': {},
  'community-card-without-group': {},
  'group-on-client-card': {},
  'group-member-invalid': { position: num, cause: { kind: MEMBER_CAUSES } },
  'group-member-community-card': { position: num },
  'group-member-duplicate': { position: num },
  'already-used': { at: str, terminal: optStr },
  'cap-reached': capSpec,
  'cap-exceeded': capSpec,
  'booking-not-open': { opensAt: str },
  'booking-closed': { closesAt: str },
  'void-window-closed': { closesAt: str },
  'collection-not-open': { opensAt: str },
  'collection-closed': { closesAt: str },
  'cap-below-minimum': { cap: num, minimum: num, rule: str, policy: str },
  'unknown-policy': { version: str },
  network: {},
  timeout: { timeoutMs: optNum },
  aborted: {},
  'malformed-json': {},
  'content-type': { contentType: optStr },
  truncated: {},
  'response-too-large': { maxBytes: optNum },
  'list-too-long': { limit: optStr, max: optNum },
  'invalid-base-url': {},
  'insecure-base-url': { host: optStr },
  schema: { fields: optStr },
  problem: { problemCode: optStr },
  'invalid-request': { fields: optStr },
  'http-error': { status: optNum },
  'http-401': {},
  'http-403': {},
  'http-404': {},
  'http-407': {},
  'http-429': {},
  'http-5xx': { status: optNum },
  'card-not-registered': {},
  'idempotency-key-missing': {},
  'idempotency-key-in-progress': {},
  'idempotency-key-reused': {},
  'batch-too-large': { max: optNum },
  'show-not-found': {},
  'agent-not-authorized': {},
  'usage-not-found': {},
  'internal-error': {},
  'refusal-unreadable': { problemCode: optStr },
};

const TABLES = /* @__PURE__ */ Object.assign({}, rulesMessages, apiMessages) as unknown as Readonly<
  Record<string, LocalizedMessage<MessageParams>>
>;

type AnySpec = Readonly<
  Record<string, { readonly optional?: boolean; readonly kind: 'string' | 'number' | readonly string[] }>
>;

/** A server reason whose parameters have been checked, rendered in every language. */
export type ServerReason = {
  /** The server's code, as sent (also when this SDK has no text for it). */
  readonly code: string;
  readonly message: LocalizedText;
};

function fits(value: unknown, kind: AnySpec[string]['kind']): boolean {
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'string') return typeof value === 'string' && value.trim() !== '';
  return typeof value === 'string' && kind.includes(value);
}

/** Only the parameters the message reads, each of the right kind; undefined when one is missing or wrong. */
function checkParams(spec: AnySpec, raw: unknown): MessageParams | undefined {
  const params = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {};
  const out: Record<string, string | number> = {};
  for (const [key, { optional, kind }] of Object.entries(spec)) {
    const value = ownValue(params as Record<string, unknown>, key);
    if (value === undefined || value === null) {
      if (optional) continue;
      return undefined;
    }
    if (!fits(value, kind)) return undefined;
    out[key] = value as string | number;
  }
  return out;
}

/**
 * Renders a reason a server sent, in every language. Its parameters are checked against its message first: a
 * known code with a missing or malformed parameter, or a code this SDK has no text for (a newer server), is shown
 * as `refusal-unreadable`, naming the code, instead of a text with a hole in it.
 *
 * @example
 * readServerReason({ code: 'cap-reached', params: { cap: 6, given: 6, requested: 1, remaining: 0 } }).message.fi;
 * // 'Kaikukortin lippujen yläraja (6) on täynnä.'
 * readServerReason({ code: 'cap-reached' }).message.en;
 * // 'Kaikukanta refused the usage (reason code cap-reached), but this version of the scanner cannot show why. …'
 */
export function readServerReason(wire: WireReason): ServerReason {
  const code = wire.code;
  const tables = TABLES;
  const spec = ownValue(SPECS as unknown as Readonly<Record<string, AnySpec>>, code);
  const params = spec && ownValue(tables, code) ? checkParams(spec, wire.params) : undefined;
  if (params) return { code, message: renderAll(tables[code]!, params) };
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
  readonly reasons?: readonly WireReason[] | undefined;
}): ServerReason[] {
  const list = problem.reasons && problem.reasons.length > 0 ? problem.reasons : [{ code: problem.code }];
  return list.map(readServerReason);
}
