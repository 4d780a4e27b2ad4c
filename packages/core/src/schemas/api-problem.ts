import * as z from 'zod/mini';
import { isoDateTime, pure, text, wholeNumber } from './schema-parts.js';
import { TerminalNameSchema } from './usage-input.js';

/**
 * Problem codes the Kaikukanta contract defines itself (transport, auth, idempotency, validation).
 * Refusals decided by the operating-model rules use the rules core's refusal codes instead
 * (`packages/core/src/rules/`), so a client shows the same text whether the rule was applied
 * locally or by the server.
 */
export const API_PROBLEM_CODES = {
  invalidRequest: 'invalid-request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  agentNotAuthorized: 'agent-not-authorized',
  notFound: 'not-found',
  cardNotRegistered: 'card-not-registered',
  usageNotFound: 'usage-not-found',
  showNotFound: 'show-not-found',
  idempotencyKeyMissing: 'idempotency-key-missing',
  idempotencyKeyInProgress: 'idempotency-key-in-progress',
  idempotencyKeyReused: 'idempotency-key-reused',
  batchTooLarge: 'batch-too-large',
  methodNotAllowed: 'method-not-allowed',
  requestTimeout: 'request-timeout',
  payloadTooLarge: 'payload-too-large',
  unsupportedMediaType: 'unsupported-media-type',
  expectationFailed: 'expectation-failed',
  hostNotAllowed: 'host-not-allowed',
  headersTooLarge: 'headers-too-large',
  rateLimited: 'rate-limited',
  internalError: 'internal-error',
  unavailable: 'unavailable',
} as const;
/** A stable problem code of the contract (`API_PROBLEM_CODES`), e.g. `'card-not-registered'`. */
export type ApiProblemCode = (typeof API_PROBLEM_CODES)[keyof typeof API_PROBLEM_CODES];

/** Base of the `type` URIs of problems (RFC 9457 §3.1.1); `type` is this plus the code. */
export const PROBLEM_TYPE_BASE = 'https://kaiku-scanner.dev/problems/';

/** One reason of a refusal, as the rules core lists them (`{ code, params }`). */
export const ProblemReasonSchema = /* @__PURE__ */ pure(() =>
  z.object({
    code: text(1),
    /** Plain, non-personal values for the message (numbers, strings, lists of them). */
    params: z.optional(z.record(z.string(), z.unknown())),
  }),
);
/** One reason of a refusal: a stable code and plain parameters. */
export type ProblemReason = z.infer<typeof ProblemReasonSchema>;

/**
 * The params of an `already-used` reason: when the card's earlier usage for the show was registered (the latest,
 * not voided) and where (its terminal's name, when it was sent one).
 *
 * @example
 * AlreadyUsedParamsSchema.parse({ at: '2026-03-01T16:42:00.000Z', terminal: 'Kassa 2' });
 */
export const AlreadyUsedParamsSchema = /* @__PURE__ */ pure(() =>
  z.object({ at: isoDateTime(), terminal: z.optional(TerminalNameSchema) }),
);

/**
 * RFC 9457 problem details (`application/problem+json`) with the contract's extension members.
 * `code` is stable and machine-readable; `title`/`detail` are for humans and may change.
 * Unknown extension members are allowed (RFC 9457 §3.2) and kept.
 *
 * @example
 * ProblemSchema.parse({ type: PROBLEM_TYPE_BASE + 'cap-reached', title: 'Cap reached', status: 422, code: 'cap-reached' });
 */
export const ProblemSchema = /* @__PURE__ */ pure(() =>
  z.looseObject({
    type: text(1),
    title: z.string(),
    status: wholeNumber(400, 599),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    /** Stable code: one of `API_PROBLEM_CODES` or a refusal code of the rules core. */
    code: text(1),
    /** Every reason of a refusal (a usage can break several rules at once). */
    reasons: z.optional(z.array(ProblemReasonSchema)),
    /**
     * Validation issues of an `invalid-request`: the field's path, a stable problem code (`unknown-field`,
     * `missing`, `wrong-type`, `not-whole`, `too-small`, `too-large`, `bad-format`, `not-allowed`, `invalid`)
     * and, for an unknown field, the field it probably meant. Never values.
     */
    issues: z.optional(
      z.array(z.object({ path: z.string(), code: z.string(), suggestion: z.optional(z.string()) })),
    ),
  }),
);
/** A problem document (RFC 9457) as Kaikukanta answers a refused request: `code`, `status`, `reasons`, `issues`. */
export type Problem = z.infer<typeof ProblemSchema>;

/** Builds a problem object with the conventional `type` URI. */
export function makeProblem(
  status: number,
  code: string,
  title: string,
  extra: Partial<Omit<Problem, 'status' | 'code' | 'title'>> = {},
): Problem {
  return { type: PROBLEM_TYPE_BASE + code, title, status, code, ...extra };
}
