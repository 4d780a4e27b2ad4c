/** The merged message registry. A new area: one entry in `messageTables` (a test keeps keys unique across areas). */
import { type Locale, type LocalizedText, type MessageFn, LOCALES } from './define.js';
import { cardIdMessages } from './card-id.js';
import { rulesMessages } from './rules.js';
import { decodeMessages } from './decode.js';
import { outboxMessages } from './outbox.js';
import { reportMessages } from './reports.js';
import { apiMessageCode, apiMessages } from './api.js';
import { wedgeMessages } from './wedge.js';
import { cameraMessages } from './camera.js';
import { ownValue } from '../schemas/own-value.js';

/**
 * Every area's table, by area name.
 *
 * @example
 * Object.keys(messageTables.cardId); // ['empty', 'bad-prefix', …]
 */
export const messageTables = {
  cardId: cardIdMessages,
  rules: rulesMessages,
  decode: decodeMessages,
  outbox: outboxMessages,
  reports: reportMessages,
  api: apiMessages,
  wedge: wedgeMessages,
  camera: cameraMessages,
} as const;

/** The registry's tables by area. */
type Tables = typeof messageTables;
/** Turns a union of tables into one table type with every code. */
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;
/** Every code of every table, with its parameters. */
type MergedMessages = UnionToIntersection<Tables[keyof Tables]>;

/** All messages by code. */
export const messages: MergedMessages = /* @__PURE__ */ Object.assign(
  {},
  ...Object.values(messageTables),
) as MergedMessages;

/**
 * Every stable code of the SDK.
 *
 * @example
 * const code: MessageCode = 'empty';
 */
export type MessageCode = keyof MergedMessages & string;

/**
 * The parameters of one code's message.
 *
 * @example
 * const params: ParamsOf<'bad-length'> = { prefix: 'A', length: 9, expected: '10' };
 */
export type ParamsOf<C extends MessageCode> =
  Parameters<MergedMessages[C]['en']> extends [infer P] ? P : Readonly<Record<string, never>>;

/**
 * A machine-readable reason: a stable code and plain, non-personal parameters.
 *
 * @example
 * const reason: Reason<'cap-reached'> = { code: 'cap-reached', params: { cap: 5, given: 5, requested: 1, remaining: 0 } };
 */
export type Reason<C extends MessageCode = MessageCode> = C extends MessageCode
  ? { readonly code: C; readonly params: ParamsOf<C> }
  : never;

/**
 * A reason with its message already rendered in every language.
 *
 * @example
 * const r = parseCardId(''); if (!r.ok) show((r.error satisfies RenderedReason).message.fi);
 */
export type RenderedReason<C extends MessageCode = MessageCode> = C extends MessageCode
  ? Reason<C> & { readonly message: LocalizedText }
  : never;

/**
 * True when `code` is a code of this SDK's registry (e.g. a code received from elsewhere).
 *
 * @example
 * isMessageCode('empty'); // true
 */
export function isMessageCode(code: unknown): code is MessageCode {
  return typeof code === 'string' && ownValue(messages, code) !== undefined;
}

/**
 * The SDK's one way to turn a code into text: any `{ code, params }` (a reason, a `KaikuError`; `http-503` reads as
 * its group's text) in one language. A code without a text comes back as itself, never blank (`isMessageCode`).
 *
 * @param locale - `'fi'` (default), `'sv'` or `'en'`; anything else reads as Finnish.
 *
 * @example
 * localize({ code: 'card-inactive', params: {} }, 'en'); // 'The card is not active in Kaikukanta.'
 * localize(error, 'sv'); // error: a KaikuError, e.g. ApiHttpError with code 'http-503'
 */
export function localize(
  reason: { readonly code: string; readonly params?: unknown },
  locale: Locale = 'fi',
): string {
  // A refusal by status (401, 403, 429) whose problem has a text of its own (`agent-not-authorized`) reads as it.
  const problemCode = (reason.params as { problemCode?: unknown } | undefined)?.problemCode;
  const own = /^http-4/.test(reason.code) && typeof problemCode === 'string' && apiMessageCode(problemCode);
  const code = own || (isMessageCode(reason.code) ? reason.code : apiMessageCode(reason.code));
  if (code === undefined) return reason.code;
  const table = messages[code] as unknown as Record<Locale, MessageFn>;
  return table[LOCALES.includes(locale) ? locale : 'fi']((reason.params ?? {}) as never);
}

export { type Locale, type LocalizedText, LOCALES } from './define.js';
