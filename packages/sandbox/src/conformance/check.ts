import { isDeepStrictEqual } from 'node:util';
import { ProblemSchema, type Problem } from '@kaiku-scanner/core/contract';
import type * as z from 'zod/mini';
import type { Answer, Exchange } from './conformance-http.js';
import type { Ctx } from './kit-context.js';
import type { RuleId } from './rules.js';

/** `not-observed`: within the contract, but the behaviour checked never showed (never a pass); `could-not-run`: an
 * option, the budget or the time was missing. */
/** Whether two answers say the same: a time in another offset (…T10:00:00Z, …T12:00:00+02:00) is the same instant. */
export const sameAnswer = (a: unknown, b: unknown): boolean => isDeepStrictEqual(instants(a), instants(b));
const instants = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value), (k, v: unknown) =>
    k.endsWith('At') && typeof v === 'string' ? Date.parse(v) : v,
  );

export type Verdict = 'pass' | 'fail' | 'not-observed' | 'could-not-run';

export type CheckResult = {
  readonly name: string;
  /** The heading anchor of docs/api.md where its (first) rule stands. */
  readonly rule: string;
  /** The rules of the contract it guards (`RULES`). */
  readonly rules: readonly RuleId[];
  readonly verdict: Verdict;
  /** `verdict === 'pass'`. */
  readonly ok: boolean;
  readonly failures: readonly string[];
  /** Why it could not run, what was not observed, or what it measured. */
  readonly note?: string;
  /** The last requests the check sent and what came back (method, path, status, problem code). */
  readonly exchanges: readonly Exchange[];
  /** The routes it sent requests to (`routeOf`). */
  readonly routes: readonly string[];
};

/** One check of the kit: the rules of the contract it guards (`RULES`), and how it is run. */
export type KitCheck = {
  readonly name: string;
  readonly rules: readonly RuleId[];
  readonly run: (ctx: Ctx, c: Check) => Promise<void>;
};

/** A check of the kit: its name, the rules it guards, how it runs. */
export const check = (name: string, rules: readonly RuleId[], run: KitCheck['run']) => ({ name, rules, run });

/** Ends a check (or the run's budget ends it) with a verdict other than pass or fail, and why. */
export class CheckStopped extends Error {
  constructor(
    readonly verdict: 'not-observed' | 'could-not-run',
    message: string,
  ) {
    super(message);
  }
}

/** What one check found: its failures, and the exchanges it made. */
export class Check {
  readonly failures: string[] = [];
  readonly exchanges: Exchange[] = [];
  /** What the check measured, reported whatever its verdict (e.g. the cap race's overshoot rate). */
  note: string | undefined;
  /** Ends the check as `could-not-run` (an option it needs is missing). */
  skip(reason: string): never {
    throw new CheckStopped('could-not-run', reason);
  }
  /** Ends the check as `not-observed` unless it failed already. */
  notObserved(what: string): never {
    throw new CheckStopped('not-observed', what);
  }
  that(ok: boolean, message: string): boolean {
    if (!ok) this.failures.push(message);
    return ok;
  }
  /** An answer of `status` whose JSON matches `schema`. */
  valid<S extends z.ZodMiniType>(
    answer: Answer,
    status: number,
    schema: S,
    what: string,
  ): z.infer<S> | undefined {
    if (!this.that(answer.status === status, `${what}: status ${answer.status}, expected ${status}`))
      return undefined;
    this.that(/^application\/json\b/.test(answer.contentType), `${what}: content type ${answer.contentType}`);
    const parsed = schema.safeParse(answer.json);
    const paths = parsed.error?.issues
      .map((i) => i.path.join('.') || '(root)')
      .slice(0, 5)
      .join(', ');
    if (!this.that(parsed.success, `${what}: the body breaks the schema at ${paths}`)) return undefined;
    // An instant the server wrote (`…At`) is never after its own clock (a wall-clock time labelled `Z`).
    const now = answer.serverNow ?? Infinity;
    JSON.stringify(answer.json, (k, v: unknown) => {
      if (k.endsWith('At') && typeof v === 'string' && Date.parse(v) > now + 60_000)
        this.that(false, `${what}: ${k} ${v} is after the server's clock, ${new Date(now).toISOString()}`);
      return v;
    });
    return answer.json as z.infer<S>;
  }
  /** An RFC 9457 problem with this status (and code, when given); returns its reasons. */
  problem(answer: Answer, status: number, code: string | undefined, what: string): Problem | undefined {
    this.that(answer.status === status, `${what}: status ${answer.status}, expected ${status}`);
    const hop = /html/.test(answer.contentType) ? ' (an intermediary? a proxy page, not the API)' : '';
    this.that(
      /^application\/problem\+json\b/.test(answer.contentType),
      `${what}: content type ${answer.contentType || '(none)'}, expected application/problem+json${hop}`,
    );
    const parsed = ProblemSchema.safeParse(answer.json);
    if (!this.that(parsed.success, `${what}: the body is not a Problem`)) return undefined;
    const p = parsed.data as Problem;
    this.that(p.status === answer.status, `${what}: problem status ${p.status} ≠ ${answer.status}`);
    if (code !== undefined) this.that(p.code === code, `${what}: code ${p.code}, expected ${code}`);
    return p;
  }
  /** A `422` refusal whose first reason is `code` and carries every param in `params`. */
  refusal(answer: Answer, code: string, params: readonly string[], what: string): void {
    const p = this.problem(answer, 422, code, what);
    if (!p) return;
    const reason = p.reasons?.find((r) => r.code === code);
    if (!this.that(reason !== undefined, `${what}: no reason ${code} in reasons`)) return;
    const missing = params.filter((k) => reason!.params?.[k] === undefined);
    this.that(missing.length === 0, `${what}: reason ${code} without its params ${missing.join(', ')}`);
  }
}
