/**
 * A fault-injecting HTTP proxy for the outbox's chaos tests. It sits between the browser and the
 * sandbox and, per request, passes it through or injects one of the faults a box office sees:
 *
 * - `offline`: the proxy stops listening (connections are refused) until `online()`;
 * - `http-503`: a 503 before the request reaches the server;
 * - `http-429`: a 429 with `Retry-After` before the request reaches the server;
 * - `stall`: no answer at all (the client times out); `stall-after-commit` forwards first, then stalls;
 * - `malformed`: forwards (the server commits), then answers 200 with a body that is not JSON;
 * - `drop-after-commit`: forwards, waits for the server's full answer, then destroys the connection.
 *
 * What networks in between do besides (`NETWORK_FAULTS`, not part of the default random mix):
 *
 * - `portal`: a captive portal's 200 `text/html` login page; `portal-json`: the same page labelled
 *   `application/json`; `html-404`: a misrouting proxy's HTML 404; `html-502`: a gateway's HTML 502;
 *   `http-401`: an auth gateway's 401 (HTML); `reset-before-commit`: the body was sent, then the
 *   connection is reset and nothing reaches the server; `retry-after-past`: 429 with an HTTP-date
 *   Retry-After in the past; `retry-after-far`: 503 with a Retry-After date in the year 9999;
 * - after the server committed: `empty-after-commit` (200, empty JSON body), `shape-after-commit`
 *   (200 `{"status":"ok"}`), `reorder-after-commit` (batch results reversed), `short-after-commit`
 *   (the last batch result dropped).
 *
 * CORS preflights always pass, so the faults reach the client's real request.
 */
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { testSeed } from './test-seed.js';
import { createRandom } from './card-photos/prng.js';

export const FAULTS = [
  'http-503',
  'http-429',
  'stall',
  'stall-after-commit',
  'malformed',
  'drop-after-commit',
] as const;
export const NETWORK_FAULTS = [
  'portal',
  'portal-json',
  'html-404',
  'html-502',
  'http-401',
  'reset-before-commit',
  'retry-after-past',
  'retry-after-far',
  'empty-after-commit',
  'shape-after-commit',
  'reorder-after-commit',
  'short-after-commit',
] as const;
export type Fault = (typeof FAULTS)[number] | (typeof NETWORK_FAULTS)[number];

const PORTAL_PAGE =
  '<!doctype html><html><head><title>Guest Wi-Fi</title></head><body><form action="/login">Accept the terms</form></body></html>';

/** Faults answered by the proxy itself, before the request reaches the server: status, headers, body. */
const BEFORE_SERVER: Partial<Record<Fault, () => [number, Record<string, string>, string]>> = {
  'http-503': () => [503, { 'content-type': 'text/plain' }, 'Service Unavailable'],
  portal: () => [200, { 'content-type': 'text/html; charset=utf-8' }, PORTAL_PAGE],
  'portal-json': () => [200, { 'content-type': 'application/json' }, PORTAL_PAGE],
  'html-404': () => [404, { 'content-type': 'text/html' }, '<h1>404 Not Found</h1><hr>nginx'],
  'html-502': () => [502, { 'content-type': 'text/html' }, '<h1>502 Bad Gateway</h1><hr>nginx'],
  'http-401': () => [401, { 'content-type': 'text/html' }, '<h1>Sign in to the corporate proxy</h1>'],
  'retry-after-past': () => [
    429,
    { 'content-type': 'text/plain', 'retry-after': new Date(Date.now() - 3_600_000).toUTCString() },
    'Too Many',
  ],
  'retry-after-far': () => [
    503,
    { 'content-type': 'text/plain', 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' },
    'Down for maintenance',
  ],
};

/** Rewrites the server's batch answer after it committed; undefined for other bodies. */
function rewriteResults(body: Buffer, edit: (results: unknown[]) => unknown[]): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { results?: unknown };
    if (!Array.isArray(parsed.results)) return undefined;
    return JSON.stringify({ ...parsed, results: edit(parsed.results) });
  } catch {
    return undefined;
  }
}

export type FaultProxyOptions = {
  /** Base URL of the real server, e.g. the sandbox's. */
  readonly target: string;
  /** Chance (0–1) that a request gets a fault; chosen uniformly among `faults`. */
  readonly faultRate?: number;
  /** Faults chance picks from (default `FAULTS`; add `NETWORK_FAULTS` for proxies and portals). */
  readonly faults?: readonly Fault[];
  /** Seconds sent in Retry-After for `http-429`. */
  readonly retryAfterSeconds?: number;
  /** A stalled request is released (socket destroyed) after this long. */
  readonly stallMs?: number;
  /** Seedable randomness for reproducible runs. */
  readonly random?: () => number;
  /** Only requests whose path starts with this get faults (default `/v1/usages`). */
  readonly faultPathPrefix?: string;
  /** Faults given to the first eligible requests, in order, before random ones (so each kind surely occurs). */
  readonly firstFaults?: readonly Fault[];
};

export type FaultProxy = {
  readonly url: string;
  readonly port: number;
  /** Counts of what happened, by fault name plus `pass`, `preflight` (CORS), `client-gone` and `offline-periods`. */
  readonly stats: Record<string, number>;
  setFaultRate(rate: number): void;
  /** Stops listening: new connections are refused, open ones are destroyed. */
  offline(): Promise<void>;
  online(): Promise<void>;
  close(): Promise<void>;
};

/** The tests' one seeded PRNG (mulberry32), as a plain function: a failing chaos run can be replayed. */
export const seededRandom = (seed: number): (() => number) => createRandom(seed).next;

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  const random = options.random ?? Math.random;
  const faults = options.faults ?? FAULTS;
  const prefix = options.faultPathPrefix ?? '/v1/usages';
  let faultRate = options.faultRate ?? 0.3;
  const queued = [...(options.firstFaults ?? [])];
  const stats: Record<string, number> = {};
  const count = (key: string): void => void (stats[key] = (stats[key] ?? 0) + 1);
  const sockets = new Set<Socket>();

  const cors = (req: IncomingMessage, res: ServerResponse): void => {
    const origin = req.headers.origin;
    if (origin) res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'Retry-After, Idempotent-Replayed, Content-Length');
    res.setHeader('vary', 'Origin');
  };

  /** Sends the request on to the server; resolves with its status, headers and full body. */
  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          // The sandbox allows localhost pages; pages on other hosts (an http:// intranet name) are
          // answered with their own origin below.
          headers: {
            ...req.headers,
            host: target.host,
            ...(req.headers.origin ? { origin: 'http://localhost' } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (c: Buffer) => chunks.push(c));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 502,
              headers: response.headers,
              body: Buffer.concat(chunks),
            }),
          );
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const stall = (res: ServerResponse): void => {
    const timer = setTimeout(() => res.destroy(), options.stallMs ?? 20_000);
    res.on('close', () => clearTimeout(timer));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const eligible = req.method !== 'OPTIONS' && (req.url ?? '').startsWith(prefix);
    const fault: Fault | undefined = !eligible
      ? undefined
      : queued.length > 0
        ? queued.shift()
        : random() < faultRate
          ? faults[Math.floor(random() * faults.length)]
          : undefined;
    count(req.method === 'OPTIONS' ? 'preflight' : (fault ?? 'pass'));
    // The client went away before its answer (a timeout, or a tab reloaded mid-request).
    res.on('close', () => void (res.writableFinished || count('client-gone')));
    if (fault === 'http-429') {
      cors(req, res);
      res.setHeader('retry-after', String(options.retryAfterSeconds ?? 1));
      res.writeHead(429, { 'content-type': 'text/plain' }).end('Too Many');
      return;
    }
    const early = fault ? BEFORE_SERVER[fault] : undefined;
    if (early) {
      const [status, headers, text] = early();
      cors(req, res);
      res.writeHead(status, headers).end(text);
      return;
    }
    if (fault === 'stall') return stall(res);
    if (fault === 'reset-before-commit') {
      res.destroy();
      return;
    }
    let answer;
    try {
      answer = await forward(req, body);
    } catch {
      res.destroy();
      return;
    }
    if (fault === 'stall-after-commit') return stall(res);
    if (fault === 'drop-after-commit') {
      res.destroy();
      return;
    }
    if (fault === 'malformed') {
      cors(req, res);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"results": [ {"ok": tru');
      return;
    }
    const afterCommit: Partial<Record<Fault, () => string | undefined>> = {
      'empty-after-commit': () => '',
      'shape-after-commit': () => '{"status":"ok"}',
      'reorder-after-commit': () => rewriteResults(answer.body, (r) => [...r].reverse()),
      'short-after-commit': () => rewriteResults(answer.body, (r) => r.slice(0, -1)),
    };
    const rewritten = fault ? afterCommit[fault]?.() : undefined;
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    delete headers.connection;
    if (rewritten !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(rewritten));
      headers['content-type'] = 'application/json';
    }
    if (req.headers.origin) headers['access-control-allow-origin'] = req.headers.origin;
    res.writeHead(answer.status, headers).end(rewritten ?? answer.body);
  };

  const server: Server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  server.keepAliveTimeout = 2_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let listening = true;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    stats,
    setFaultRate: (rate) => {
      faultRate = rate;
    },
    async offline() {
      if (!listening) return;
      listening = false;
      count('offline-periods');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await closed;
    },
    async online() {
      if (listening) return;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      });
      listening = true;
    },
    async close() {
      for (const s of sockets) s.destroy();
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      listening = false;
    },
  };
}

/** The seed of a chaos test's faults (`OUTBOX_CHAOS_SEED`, see test-seed.ts): the one a test's title prints. */
export function chaosSeed(requested: string | undefined = process.env.OUTBOX_CHAOS_SEED): number {
  return testSeed('OUTBOX_CHAOS_SEED', requested);
}
