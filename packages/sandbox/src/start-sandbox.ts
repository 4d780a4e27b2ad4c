import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createClock } from './clock.js';
import { openStore } from './db/open-store.js';
import { createRouter } from './http/router.js';
import { problems, rawProblemResponse, sendProblem } from './http/respond.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { seed as writeSeed } from './seed/seed-data.js';
import { checkOptions, optionKeys } from '@kaiku-scanner/core/contract';

export type SandboxOptions = {
  /** Port to listen on; 0 (default) = an ephemeral port. */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1` (the sandbox is for local use). */
  readonly host?: string;
  /**
   * SQLite file, or a `postgres://user[:password]@host[:port]/database` URL (PostgreSQL); data survives restarts.
   * Without it (or with `memory: true`) the DB lives in memory (SQLite).
   */
  readonly db?: string;
  readonly memory?: boolean;
  /** Write the demo data (venue, cards of every prefix and state, shows of each cap kind). */
  readonly seed?: boolean;
  /** Require this bearer token; by default any non-empty token is accepted. */
  readonly token?: string;
  /** Tokens bound to venues (`{ token: venueId }`), each acting for its venue only (else 403). Excludes `token`. */
  readonly venueTokens?: Readonly<Record<string, string>>;
  /** Each venue's ticket agents (`{ venueId: [agentVenueId] }`): who may register for it (else 403). */
  readonly agents?: Readonly<Record<string, readonly string[]>>;
  /** Enable the `/__sandbox/` test-support endpoints. Never in a shared deployment. */
  readonly testing?: boolean;
  /** Request log sink, one line per request, card IDs masked. Default: no logging. */
  readonly logger?: (line: string) => void;
  /** Origins allowed besides any localhost page. */
  readonly corsOrigins?: readonly string[];
  /** Idempotency keys are kept this many days (≥ 30). Default 35. */
  readonly keyRetentionDays?: number;
  /** Initial clock offset (ms). */
  readonly clockOffsetMs?: number;
  /** How long a write waits for another process's (PostgreSQL: transaction's) lock before answering 503
   * (Retry-After: 1). Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Limit each bearer token to `perSecond` /v1/ calls (bursts of `burst`; over it: 429). Off by default. */
  readonly rateLimit?: RateLimitOptions;
  /** Host names answered besides localhost names, IP addresses and `host` (else 421: DNS rebinding defence). */
  readonly allowedHosts?: readonly string[];
  /** Slow-client limits; see {@link SANDBOX_LIMITS} for the defaults. */
  readonly limits?: Partial<SandboxLimits>;
  /** Every commit reaches the disk before it is answered (SQLite `synchronous = FULL`): a power cut loses nothing
   * that was answered. Default: a crash of the process loses nothing, a power cut may lose the last commits. */
  readonly durable?: boolean;
  /** Hold no card data (a venue's own register): a usage's card is decided on its ID; look-ups answer 404. */
  readonly uncheckedCards?: boolean;
  /** Serve HTTPS with this PEM certificate (chain) and key instead of plain HTTP. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
};

const SANDBOX_OPTIONS = optionKeys<SandboxOptions>()(
  'port host db memory seed token venueTokens agents testing logger corsOrigins keyRetentionDays clockOffsetMs busyTimeoutMs rateLimit allowedHosts limits durable uncheckedCards tls',
);
const RATE_LIMIT_OPTIONS = optionKeys<RateLimitOptions>()('perSecond burst perAddress');

/** Limits for a laptop or CI box: a trickling client is cut off in seconds, not Node's 60 s / 300 s. */
export const SANDBOX_LIMITS = {
  /** The request line and headers must arrive within this time (else 408 `request-timeout`). */
  headersTimeoutMs: 10_000,
  /** The whole request, body included, must arrive within this time (else 408). */
  requestTimeoutMs: 30_000,
  /** A connection idle this long between requests is closed. */
  keepAliveTimeoutMs: 5_000,
  /** A connection with no traffic at all (not even a pending answer) for this long is closed. */
  idleTimeoutMs: 120_000,
  /** Connections open at once; one more is answered 503 `unavailable` (`Retry-After: 1`) and closed. */
  maxConnections: 256,
} as const;

/** The slow-client limits (`SANDBOX_LIMITS` has their defaults). */
export type SandboxLimits = { readonly [K in keyof typeof SANDBOX_LIMITS]: number };

export type Sandbox = { readonly url: string; readonly port: number; close(): Promise<void> };

export const SANDBOX_VERSION = '0.1.0';

/** Answers `socket` with `problem` and closes it, unless the client is gone or an answer has begun. */
function answerRaw(socket: Socket, problem: ReturnType<typeof problems.badRequest>, headers = {}): void {
  const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (!socket.writable || current?.headersSent) return void socket.destroy();
  socket.end(rawProblemResponse(problem, headers));
  // A client that does not read its answer must not hold the socket open.
  setTimeout(() => socket.destroy(), 1000).unref();
}

/** What Node would answer on its own (400, 431, 408, 417, CONNECT, upgrades) gets the contract's problem+json. */
function guardConnections(server: Server, maxConnections: number): void {
  let open = 0;
  server.on('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open > maxConnections)
      answerRaw(socket, problems.unavailable('Too many connections; try again shortly.'), {
        'Retry-After': '1',
      });
  });
  server.on('clientError', (error: Error & { code?: string }, socket: Socket) => {
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return void socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW') return answerRaw(socket, problems.headersTooLarge());
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return answerRaw(socket, problems.requestTimeout());
    answerRaw(socket, problems.badRequest('The request is not well-formed HTTP/1.1.'));
  });
  server.on('checkExpectation', (_req, res: ServerResponse) =>
    sendProblem(res, problems.expectationFailed(), { connection: 'close' }),
  );
  const allow = 'GET, HEAD, POST, OPTIONS';
  server.on('connect', (_req, socket: Socket) =>
    answerRaw(socket, problems.methodNotAllowed(allow), { Allow: allow }),
  );
  server.on('upgrade', (_req, socket: Socket) =>
    answerRaw(socket, problems.badRequest('This server does not switch protocols.')),
  );
}

/**
 * Starts the sandbox: a real HTTP server speaking the Kaikukanta contract, with SQLite persistence.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, db: '/tmp/kaiku.db', seed: true });
 * const api = createApiClient({ baseUrl: sandbox.url, getToken: () => 'dev' });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  if (options.token !== undefined && options.venueTokens !== undefined)
    throw new RangeError('token and venueTokens exclude each other');
  // A misspelt option (`tokne`, `limits.maxConnection`) is refused by name, never silently left at its default.
  checkOptions('startSandbox', options, SANDBOX_OPTIONS);
  checkOptions('startSandbox', options.limits, SANDBOX_LIMITS, 'limits.');
  checkOptions('startSandbox', options.rateLimit, RATE_LIMIT_OPTIONS, 'rateLimit.');
  const repo = await openStore(options.memory ? undefined : options.db, {
    ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    ...(options.durable === undefined ? {} : { durable: options.durable }),
  });
  const clock = createClock(options.clockOffsetMs ?? 0);
  const retentionMs = Math.max(30, options.keyRetentionDays ?? 35) * 86_400_000;
  try {
    if (options.seed) await writeSeed(repo, clock.now());
    await repo.purgeKeysOlderThan(Date.now() - retentionMs);
  } catch (error) {
    await repo.close();
    throw error;
  }
  // A failed purge is retried the next hour: the keys it left are old, never wrong.
  const purge = (): void => void repo.purgeKeysOlderThan(Date.now() - retentionMs).catch(() => undefined);
  const purgeTimer = setInterval(purge, 3_600_000);
  purgeTimer.unref();

  const handle = createRouter({ ...options, repo, clock, version: SANDBOX_VERSION });
  const limits = { ...SANDBOX_LIMITS, ...options.limits };
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // The timeouts above are checked this often (Node's default, 30 s, would let them overrun by that much).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    // A missing Host is answered by the router (as a problem), not by Node's bare 400.
    requireHostHeader: false,
  };
  const listener = (req: IncomingMessage, res: ServerResponse): void => void handle(req, res);
  // An HTTPS server is an HTTP server on TLS sockets: the limits and guards below hold for both.
  const server: Server = options.tls
    ? createTlsServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(serverOptions, listener);
  server.setTimeout(limits.idleTimeoutMs);
  guardConnections(server, limits.maxConnections);
  const host = options.host ?? '127.0.0.1';
  server.listen(options.port ?? 0, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    clearInterval(purgeTimer);
    await repo.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closed: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://${urlHost}:${port}/`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(purgeTimer);
        server.close(() => void repo.close().then(resolve, resolve));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
