// The conformance kit, a check per rule of docs/api.md; it registers real usages: run it against a test venue.
import { createHttpTransport } from '@kaiku-scanner/core';
import { maskCardIds } from '../http/mask.js';
import { Check, CheckStopped, type CheckResult, type KitCheck, type Verdict } from './check.js';
import { PRIVACY_CHECK, REQUEST_CHECKS, ROUTE_CHECKS } from './checks-requests.js';
import { USAGE_CHECKS } from './checks-usages.js';
import { VENUE_CHECKS } from './checks-venues.js';
import { createConformanceHttp } from './conformance-http.js';
import { createKitContext, type Ctx, type KitCards } from './kit-context.js';
import { RULES, type RuleId, routeOf } from './rules.js';

export type { CheckResult, Verdict } from './check.js';
export type { KitCards } from './kit-context.js';

export type ConformanceOptions = {
  readonly baseUrl: string;
  readonly token: string;
  /** The venue usages are registered for. Default `teatteri-hilla` (the sandbox's seed). */
  readonly venueId?: string;
  /** The test cards (default: the sandbox's seeded ones); any subset overrides the defaults. */
  readonly cards?: Partial<KitCards>;
  /** A second venue and a token bound to it, for the tenancy checks (without it they could not run). */
  readonly otherVenue?: { readonly venueId: string; readonly token: string };
  /** The other venue is a ticket agent our venue has named (the named-agent check needs one). */
  readonly otherIsAgent?: boolean;
  /** A second token of the same venue, as after a token refresh (keys belong to the venue, not the token). */
  readonly secondToken?: string;
  /** A token that was valid and has expired (must be refused like a wrong one). */
  readonly expiredToken?: string;
  /** Request budget. Default 600 (a full run against the sandbox sends about 330). */
  readonly budget?: number;
  /** Per-request timeout. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** The whole run's limit. Default 300 000 ms. */
  readonly wallClockMs?: number;
  /** Parallel clients and trials of the cap race. Default 10 × 5. */
  readonly race?: { readonly clients: number; readonly trials: number };
  /** Only the checks of these names (`CHECKS`; RangeError on another), in the kit's order: e.g. one that failed. The
   * privacy check and the usage list then see only what those did. Default: every check. */
  readonly only?: readonly string[];
  readonly fetch?: typeof fetch;
};

export type ConformanceReport = {
  /** No check failed and every check passed: `pass`; a failure: `fail`; else `incomplete`. */
  readonly verdict: 'pass' | 'fail' | 'incomplete';
  /** `verdict === 'pass'`. */
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
  /** Every rule of the contract (`RULES`), what docs/api.md says, and the checks that guard it (none: flagged). */
  readonly rules: readonly { id: RuleId; says: string; checks: readonly string[] }[];
  readonly requests: number;
  /** How often the server asked the kit to wait (`429`, `503` with `Retry-After`, `409` in progress). */
  readonly waits: number;
  readonly seconds: number;
  /** What the run registered: its tag, and the usages it created per venue (on shows `conformance-<run>-…`). */
  readonly registered: { readonly run: string; readonly usages: Readonly<Record<string, number>> };
};

/** A check of usages run again with every usage sent as a one-item batch, on shows of its own: each route that
 * registers keeps every rule of a single usage. */
const viaBatch = (check: KitCheck): KitCheck => ({
  name: `${check.name} (batch items)`,
  rules: [...check.rules, 'batch'],
  run: (ctx, c) => check.run({ ...ctx, run: `${ctx.run}-b`, viaBatch: true }, c),
});
const BATCHED =
  /^(unknown and|idempotency|plain identifiers|refusals with|bookings against|already used|venue binding)/;

/** Every check in the order it runs; the privacy check reads every answer the others got. */
const SINGLE = [...REQUEST_CHECKS, ...USAGE_CHECKS, ...VENUE_CHECKS];
export const CHECKS: readonly KitCheck[] = [
  ...SINGLE,
  ...SINGLE.filter((c) => BATCHED.test(c.name)).map(viaBatch),
  ...ROUTE_CHECKS,
  PRIVACY_CHECK,
];

/**
 * Runs every check; never throws for the server's faults (they are failures in the report).
 *
 * @example
 * const report = await runConformance({ baseUrl: 'http://127.0.0.1:8787/', token: 'dev' });
 * report.verdict; // 'pass' for a server that speaks the contract and showed every behaviour
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  // The SDK's own rule: no token or card ID over plain http to another machine (throws `insecure-base-url`).
  createHttpTransport({ baseUrl: options.baseUrl });
  const { only = CHECKS.map((c) => c.name) } = options;
  const unknown = only.filter((name) => !CHECKS.some((c) => c.name === name));
  if (unknown.length || !only.length)
    throw new RangeError(`only: no check named ${unknown.join(', ') || '…'}`);
  const started = Date.now();
  const http = createConformanceHttp(options, started + (options.wallClockMs ?? 300_000));
  const ctx = createKitContext(options, http);
  const checks: CheckResult[] = [];
  for (const check of CHECKS) if (only.includes(check.name)) checks.push(await runCheck(ctx, check));
  const seen = new Set(checks.map((c) => c.verdict));
  const verdict = seen.has('fail') ? 'fail' : seen.size === 1 && seen.has('pass') ? 'pass' : 'incomplete';
  return {
    verdict,
    ok: verdict === 'pass',
    checks,
    rules: Object.entries(RULES).map(([id, [, says]]) => ({
      id: id as RuleId,
      says,
      checks: CHECKS.filter((c) => c.rules.includes(id as RuleId)).map((c) => c.name),
    })),
    requests: http.used(),
    waits: http.waits(),
    seconds: (Date.now() - started) / 1000,
    registered: {
      run: ctx.run,
      usages: Object.fromEntries([...ctx.registered].map(([venue, ids]) => [venue, ids.length])),
    },
  };
}

async function runCheck(ctx: Ctx, check: KitCheck): Promise<CheckResult> {
  const c = new Check();
  const routes = new Set<string>();
  ctx.http.onExchange = (e) => {
    routes.add(routeOf(e.sent.split(/[ ?]/)[1]!));
    if (c.exchanges.push(e) > 12) c.exchanges.shift(); // the last 12
  };
  let verdict: Verdict = 'pass';
  let note: string | undefined;
  try {
    await check.run(ctx, c);
  } catch (error) {
    if (error instanceof CheckStopped) {
      verdict = error.verdict;
      note = error.message;
    } else c.that(false, `stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (c.failures.length > 0) verdict = 'fail';
  return {
    name: check.name,
    rule: RULES[check.rules[0]!][0],
    rules: check.rules,
    verdict,
    ok: verdict === 'pass',
    // What the server said may hold a card ID: the report never does.
    failures: c.failures.map(maskCardIds),
    exchanges: c.exchanges.map((e) => ({ sent: maskCardIds(e.sent), got: maskCardIds(e.got) })),
    routes: [...routes],
    ...((note ?? c.note) ? { note: maskCardIds((note ?? c.note)!) } : {}),
  };
}
