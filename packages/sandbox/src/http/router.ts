import type { IncomingMessage, ServerResponse } from 'node:http';
import { buildOpenApiDocument } from '@kaiku-scanner/core';
import type { Repository } from '../db/repository.js';
import type { Clock } from '../clock.js';
import { helsinkiDay } from '../clock.js';
import { demoCardsPage } from '../seed/demo-cards.js';
import { getCard, getTally, getUsages, postBatch, postCardLookup, postUsage } from './api-routes.js';
import type { ApiRouteContext } from './api-routes.js';
import { maskCardIds } from './mask.js';
import { applyCors, problems, sendJson, sendPreflight, sendProblem, sendText } from './respond.js';
import { handleTestRoute } from './test-routes.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import type { TestControls } from './test-routes.js';

export type RouterOptions = {
  readonly repo: Repository;
  readonly clock: Clock;
  readonly version: string;
  /** A fixed token to require; any non-empty bearer token when absent. */
  readonly token?: string;
  readonly testing: boolean;
  readonly corsOrigins: readonly string[];
  readonly log: (line: string) => void;
  readonly pendingTimeoutMs: number;
  /** Per-client limit on /v1/ calls (off when absent). */
  readonly rateLimit?: RateLimitOptions;
};

const INDEX_HTML = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Kaikukanta sandbox</title>
<body style="font:15px system-ui;margin:2em"><h1>Kaikukanta sandbox</h1><ul>
<li><a href="/openapi.json">/openapi.json</a> — the contract (OpenAPI 3.1)</li>
<li><a href="/demo-cards">/demo-cards</a> — printable demo cards (QR + Code 39)</li>
<li><a href="/v1/health">/v1/health</a></li></ul>
<p>API calls need <code>Authorization: Bearer &lt;token&gt;</code>.</p></body></html>`;

/** A malformed escape cannot match any route: it becomes a 404, not a 500. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '\u0000';
  }
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  return token === undefined || match[1] === token;
}

/** The request handler: CORS, auth, routing, logging (card IDs masked), and a problem for every failure. */
export function createRouter(options: RouterOptions) {
  const controls: TestControls = { decideDelayMs: 0 };
  const ctx: ApiRouteContext = {
    repo: options.repo,
    clock: options.clock,
    pendingTimeoutMs: options.pendingTimeoutMs,
    beforeDecide: async () => {
      if (controls.decideDelayMs > 0) await new Promise((r) => setTimeout(r, controls.decideDelayMs));
    },
  };
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : undefined;
  let openApiText: string | undefined;
  // Rendering ~30 barcodes takes a while: once per Helsinki day is enough.
  let demoCards: { day: string; html: string } | undefined;

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/') return sendText(res, 200, INDEX_HTML, 'text/html; charset=utf-8');
    if (method === 'GET' && path === '/openapi.json') {
      openApiText ??= JSON.stringify(buildOpenApiDocument());
      return sendText(res, 200, openApiText, 'application/json; charset=utf-8');
    }
    if (method === 'GET' && path === '/demo-cards') {
      const day = helsinkiDay(options.clock.now());
      if (demoCards?.day !== day) demoCards = { day, html: demoCardsPage(day) };
      return sendText(res, 200, demoCards.html, 'text/html; charset=utf-8');
    }
    if (method === 'GET' && path === '/v1/health') {
      if (!options.repo.healthy()) return sendProblem(res, problems.unavailable(), { 'retry-after': '5' });
      return sendJson(res, 200, {
        status: 'ok',
        version: options.version,
        time: options.clock.now().toISOString(),
      });
    }
    if (path.startsWith('/__sandbox/') && options.testing) {
      return handleTestRoute(req, res, url, { repo: options.repo, clock: options.clock, controls });
    }
    if (!path.startsWith('/v1/')) return sendProblem(res, problems.notFound());
    if (!authorized(req, options.token)) {
      req.resume();
      return sendProblem(res, problems.unauthorized(), { 'www-authenticate': 'Bearer realm="kaikukanta"' });
    }
    // One bucket per bearer token (each terminal has its own); kept in memory only, never logged.
    const wait = limiter?.take(req.headers.authorization ?? '') ?? 0;
    if (wait > 0) {
      req.resume();
      return sendProblem(res, problems.rateLimited(wait), { 'retry-after': String(wait) });
    }
    const seg = path.split('/').slice(1).map(safeDecode);
    if (method === 'POST' && path === '/v1/cards/lookup') return postCardLookup(ctx, req, res);
    // Deprecated: the card ID in the URL (see docs/api.md).
    if (method === 'GET' && seg.length === 3 && seg[1] === 'cards') return getCard(ctx, res, seg[2]!);
    if (method === 'POST' && path === '/v1/usages') return postUsage(ctx, req, res);
    if (method === 'POST' && path === '/v1/usages/batch') return postBatch(ctx, req, res);
    if (method === 'GET' && seg.length === 4 && seg[1] === 'shows' && seg[3] === 'tally') {
      return getTally(ctx, res, seg[2]!);
    }
    if (method === 'GET' && seg.length === 4 && seg[1] === 'venues' && seg[3] === 'usages') {
      return getUsages(ctx, res, seg[2]!, url);
    }
    req.resume();
    return sendProblem(res, problems.notFound());
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    res.on('finish', () => {
      const ms = (performance.now() - started).toFixed(1);
      options.log(maskCardIds(`${req.method} ${url.pathname} ${res.statusCode} ${ms}ms`));
    });
    const corsAllowed = applyCors(req, res, options.corsOrigins);
    if (req.method === 'OPTIONS') return sendPreflight(req, res, corsAllowed);
    try {
      await route(req, res, url);
    } catch (error) {
      options.log(maskCardIds(`error: ${error instanceof Error ? error.message : String(error)}`));
      if (res.headersSent) return void res.destroy();
      // Another process held the write lock longer than busy_timeout: a retry will get through.
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        return sendProblem(res, problems.unavailable(), { 'retry-after': '1' });
      }
      sendProblem(res, problems.internal());
    }
  };
}
