import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClock } from './clock.js';
import { openDatabase } from './db/open-database.js';
import { createRepository } from './db/repository.js';
import { createRouter } from './http/router.js';
import type { RateLimitOptions } from './http/rate-limit.js';
import { seed as writeSeed } from './seed/seed-data.js';

export type SandboxOptions = {
  /** Port to listen on; 0 (default) = an ephemeral port. */
  readonly port?: number;
  /** Interface to bind; default `127.0.0.1` (the sandbox is for local use). */
  readonly host?: string;
  /** SQLite file; data survives restarts. Without it (or with `memory: true`) the DB lives in memory. */
  readonly db?: string;
  readonly memory?: boolean;
  /** Write the demo data (venue, cards of every prefix and state, shows of each cap kind). */
  readonly seed?: boolean;
  /** Require this bearer token; by default any non-empty token is accepted. */
  readonly token?: string;
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
  /** How long a write waits for another process's lock before answering 503 (Retry-After: 1). Default 5000. */
  readonly busyTimeoutMs?: number;
  /**
   * Limit each client (bearer token) to `perSecond` /v1/ calls a second, bursts up to `burst`; over it: 429
   * `rate-limited` with Retry-After, as the contract allows. Off by default.
   */
  readonly rateLimit?: RateLimitOptions;
};

export type Sandbox = {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
};

export const SANDBOX_VERSION = '0.1.0';
const DAY_MS = 86_400_000;

/**
 * Starts the sandbox: a real HTTP server speaking the Kaikukanta contract, with SQLite persistence.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0, db: '/tmp/kaiku.db', seed: true });
 * const api = createApiClient({ baseUrl: sandbox.url, getToken: () => 'dev' });
 * await sandbox.close();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const db = openDatabase(options.memory ? undefined : options.db, options.busyTimeoutMs);
  const repo = createRepository(db);
  const clock = createClock(options.clockOffsetMs ?? 0);
  if (options.seed) writeSeed(repo, clock.now());
  const retentionMs = Math.max(30, options.keyRetentionDays ?? 35) * DAY_MS;
  const purge = (): void => void repo.purgeKeysOlderThan(Date.now() - retentionMs);
  purge();
  const purgeTimer = setInterval(purge, 3_600_000);
  purgeTimer.unref();

  const handle = createRouter({
    repo,
    clock,
    version: SANDBOX_VERSION,
    ...(options.token !== undefined ? { token: options.token } : {}),
    testing: options.testing ?? false,
    corsOrigins: options.corsOrigins ?? [],
    log: options.logger ?? (() => undefined),
    pendingTimeoutMs: 30_000,
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const server = createServer((req, res) => void handle(req, res));
  server.keepAliveTimeout = 5_000;
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(purgeTimer);
        server.close(() => {
          db.close();
          resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
