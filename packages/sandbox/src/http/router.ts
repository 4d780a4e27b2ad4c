import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildOpenApiDocument, visibleText } from '@kaiku-scanner/core/contract';
import type { Repository } from '../db/repository.js';
import { type Clock, helsinkiDay } from '../clock.js';
import { demoCardsPage } from '../seed/demo-cards.js';
import { API_ROUTES, type ApiRouteContext } from './api-routes.js';
import { maskCardIds } from './mask.js';
import { hostAllowed, parseRequestTarget } from './request-target.js';
import { applyCors, problems, sendJson, sendPreflight, sendProblem, sendText } from './respond.js';
import { testRoutes, type TestControls } from './test-routes.js';
import { createRateLimiter } from './rate-limit.js';
import type { SandboxOptions } from '../start-sandbox.js';

/** The sandbox's options, with its database, clock and version. */
type RouterOptions = SandboxOptions & {
  readonly repo: Repository;
  readonly clock: Clock;
  readonly version: string;
};

const INDEX_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kaikukanta sandbox</title>
<body style="font:15px system-ui;margin:2em"><h1>Kaikukanta sandbox</h1><ul>
<li><a href="/openapi.json">/openapi.json</a> — the contract (OpenAPI 3.1)</li>
<li><a href="/demo-cards">/demo-cards</a> — printable demo cards (QR + Code 39)</li>
<li><a href="/v1/health">/v1/health</a></li></ul>
<p>API calls need <code>Authorization: Bearer &lt;token&gt;</code>.</p></body></html>`;

/** Who may call a route: anyone, a bearer token holder (`/v1/`), or a token holder from an allowed origin. */
type Access = 'public' | 'api' | 'test';
/** One request as a handler sees it. */
export type Call = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** The segments the route's `*`s matched, in order. */
  readonly params: readonly string[];
  readonly url: URL;
  /** The venue the caller's token is bound to (undefined: any venue). */
  readonly venue: string | undefined;
  /** The server's data and settings the `/v1/` routes act on. */
  readonly ctx: ApiRouteContext;
};
export type Handler = (call: Call) => unknown;
/** `path`: segments after `/`, where `*` matches any one segment (the handler validates it; it may be empty). */
export type Route = Readonly<{ path: string; access: Access; GET?: Handler; POST?: Handler }>;

/** A malformed escape cannot match any route or ID: it becomes a segment no schema accepts. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000';
  }
}

function matchRoute(
  routes: readonly Route[],
  pathname: string,
): { route: Route; params: string[] } | undefined {
  const segments = pathname.split('/').slice(1).map(safeDecode);
  for (const route of routes) {
    const path = route.path.split('/').slice(1);
    const params: string[] = [];
    if (path.length !== segments.length) continue;
    const matches = path.every((p, i) => {
      if (p !== '*') return p === segments[i];
      params.push(segments[i]!);
      return true;
    });
    if (matches) return { route, params };
  }
  return undefined;
}

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '')?.[1];
}

/** The methods a route answers, as an `Allow` header (HEAD wherever GET is; OPTIONS for preflights). */
function allowOf(route: Route): string {
  const methods = (['GET', 'POST'] as const).filter((m) => route[m]);
  return [...methods, ...(route.GET ? ['HEAD'] : []), 'OPTIONS'].join(', ');
}

/**
 * The request handler: Host check, CORS, routing with 404/405, auth, rate limits, logging (card IDs masked), and a
 * problem for every failure. The returned function never rejects and never throws: whatever the request, the
 * answer is a response (or a closed connection when the client is gone), never a crashed process.
 */
export function createRouter(options: RouterOptions) {
  const controls: TestControls = { decideDelayMs: 0 };
  const venueTokens = options.venueTokens && new Map(Object.entries(options.venueTokens));
  const corsOrigins = options.corsOrigins ?? [];
  const allowedHosts = [...(options.allowedHosts ?? []), ...(options.host ? [options.host] : [])];
  const ctx: ApiRouteContext = {
    repo: options.repo,
    clock: options.clock,
    agents: new Map(Object.entries(options.agents ?? {}).map(([venue, list]) => [venue, new Set(list)])),
    uncheckedCards: options.uncheckedCards === true,
    beforeDecide: async () => {
      if (controls.decideDelayMs > 0) await new Promise((r) => setTimeout(r, controls.decideDelayMs));
    },
  };
  const tokenLimiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  const addressLimiter = options.rateLimit
    ? createRateLimiter({
        perSecond: options.rateLimit.perAddress ?? options.rateLimit.perSecond * 4,
        burst: (options.rateLimit.burst ?? options.rateLimit.perSecond) * 4,
      })
    : undefined;
  let openApi: unknown;
  // Rendering ~30 barcodes takes a while: once per Helsinki day is enough.
  let demoCards: { day: string; html: string } | undefined;
  const html = (res: ServerResponse, text: string) => sendText(res, 200, text, 'text/html; charset=utf-8');

  const open = (path: string, GET: Handler): Route => ({ path, access: 'public', GET });
  // A venue's register (no card data) is no sandbox: no index of the sandbox's pages, no demo cards to print.
  const sandboxPages = ctx.uncheckedCards
    ? []
    : [
        open('/', ({ res }) => html(res, INDEX_HTML)),
        open('/demo-cards', ({ res }) => {
          const day = helsinkiDay(options.clock.now());
          if (demoCards?.day !== day) demoCards = { day, html: demoCardsPage(day) };
          html(res, demoCards.html);
        }),
      ];
  const routes: Route[] = [
    ...sandboxPages,
    open('/openapi.json', ({ res }) => sendJson(res, 200, (openApi ??= buildOpenApiDocument()))),
    open('/v1/health', async ({ res }) =>
      (await options.repo.healthy())
        ? sendJson(res, 200, {
            status: 'ok',
            version: options.version,
            time: options.clock.now().toISOString(),
          })
        : sendProblem(res, problems.unavailable(), { 'retry-after': '5' }),
    ),
    ...API_ROUTES,
    ...(options.testing ? testRoutes({ repo: options.repo, clock: options.clock, controls }) : []),
  ];

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? 'GET';
    const corsAllowed = applyCors(req, res, corsOrigins);
    const found = matchRoute(routes, url.pathname);
    if (method === 'OPTIONS') {
      if (found) res.setHeader('allow', allowOf(found.route));
      return sendPreflight(req, res, corsAllowed);
    }
    // Every client address has a budget too: rotating tokens does not evade the limit, nor does guessing them.
    if (found && found.route.access !== 'public' && addressLimiter) {
      const wait = addressLimiter.take(req.socket.remoteAddress ?? '');
      if (wait > 0) return sendProblem(res, problems.rateLimited(wait), { 'retry-after': String(wait) });
    }
    if (!found) return sendProblem(res, problems.notFound());
    const { route: r, params } = found;
    const as = method === 'HEAD' ? 'GET' : method;
    const handler = as === 'GET' || as === 'POST' ? r[as] : undefined;
    if (!handler) {
      const allow = allowOf(r);
      return sendProblem(res, problems.methodNotAllowed(allow), { allow });
    }
    let venue: string | undefined;
    if (r.access !== 'public') {
      const token = bearer(req);
      venue = token === undefined ? undefined : venueTokens?.get(token);
      if (
        token === undefined ||
        (options.token !== undefined && token !== options.token) ||
        (venueTokens !== undefined && venue === undefined)
      ) {
        return sendProblem(res, problems.unauthorized(), { 'www-authenticate': 'Bearer realm="kaikukanta"' });
      }
      // One bucket per bearer token (each terminal has its own); kept in memory only, never logged.
      const wait = tokenLimiter?.take(token) ?? 0;
      if (wait > 0) return sendProblem(res, problems.rateLimited(wait), { 'retry-after': String(wait) });
    }
    // A test route from another origin (a hostile page sending across sites) is refused.
    if (r.access === 'test' && req.headers.origin !== undefined && !corsAllowed)
      return sendProblem(res, problems.forbidden('Test routes refuse requests from other origins.'));
    await handler({ req, res, params, url, venue, ctx });
  }

  // Paths are percent-decoded for masking: what they decode to must not reach the terminal as control characters.
  const log = (line: string): void => options.logger?.(visibleText(line));

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let path = '?';
    res.on('finish', () => {
      const ms = (performance.now() - started).toFixed(1);
      log(
        `${maskCardIds(`${String(req.method).slice(0, 16)} ${path.slice(0, 300)}`)} ${res.statusCode} ${ms}ms`,
      );
    });
    try {
      const target = parseRequestTarget(req.url);
      if (!target) return sendProblem(res, problems.badRequest('The request target is not a path.'));
      path = target.url.pathname;
      const host = req.headers.host;
      if (host === undefined && req.httpVersion === '1.1')
        return sendProblem(res, problems.badRequest('HTTP/1.1 requires a Host header.'));
      if (
        !hostAllowed(host, allowedHosts) ||
        (target.authority !== undefined && !hostAllowed(target.authority, allowedHosts))
      ) {
        return sendProblem(res, problems.hostNotAllowed());
      }
      await route(req, res, target.url);
    } catch (error) {
      log(maskCardIds(`error: ${error instanceof Error ? error.message : String(error)}`));
      if (res.headersSent || res.writableEnded || req.socket.destroyed) return void res.destroy();
      // Another process held the write lock longer than busy_timeout (SQLite), or another transaction the show's
      // lock longer than lock_timeout (PostgreSQL's 55P03): a retry will get through.
      const code = (error as { code?: unknown }).code;
      if (code === 'SQLITE_BUSY' || code === '55P03')
        return sendProblem(res, problems.unavailable(), { 'retry-after': '1' });
      sendProblem(res, problems.internal());
    }
  };
}
