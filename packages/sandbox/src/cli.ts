// `kaiku-sandbox`. Development: node --import tsx --conditions=source packages/sandbox/src/cli.ts --seed
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox.js';
import { describeDatabase } from './db/open-store.js';
import { runConformanceCli } from './conformance/conformance-cli.js';
import { runVenueRegister } from './venue-register.js';

export const HELP = `kaiku-sandbox — a local Kaikukanta-compatible API server with SQLite persistence

Usage: kaiku-sandbox [options]
       kaiku-sandbox conformance --base-url URL --token T   (checks any server against the contract)
       kaiku-sandbox venue-register --venue ID --terminal NAME …   (a venue's register for its terminals)

  --port N        port to listen on (default 8787; 0 = any free port)
  --host H        interface to bind (default 127.0.0.1)
  --db FILE       SQLite database file (created if missing; data survives restarts)
  --db URL        a PostgreSQL database instead: postgres://user[:password]@host[:port]/dbname (its tables
                  are created if missing)
  --memory        keep everything in memory (the default without --db; seeds automatically)
  --seed          write the demo data: a venue, cards of every prefix and state, shows of each cap kind
  --token T       accept only this bearer token (default: any non-empty token, acting for any venue)
  --venue-token VENUE=T
                  accept token T for VENUE only (repeatable; excludes --token): any other venue's usages,
                  batch items, lists and tallies are 403 forbidden, and so are test routes that change
                  every venue's data
  --agent VENUE=AGENT
                  VENUE names the venue AGENT its ticket agent (repeatable): AGENT's tokens may register
                  usages for VENUE's events (forVenueId); others get 403 agent-not-authorized
  --allow-host H  also answer requests for host name H (repeatable); by default only localhost names and
                  IP addresses are answered, others get 421 host-not-allowed (DNS rebinding defence)
  --testing       enable the /__sandbox/ test-support endpoints (they take the bearer token too)
  --rate-limit N  at most N API calls a second per bearer token (bursts of N), and 4 × N per client
                  address; over it: 429 rate-limited with Retry-After (default: no limit)
  --quiet         no request log
  --help          show this help

Endpoints: /v1/… (see /openapi.json), printable demo cards at /demo-cards.
Limits: headers within 10 s, a whole request within 30 s (else 408), idle keep-alive 5 s, 256 connections
(then 503), headers ≤ 16 KB (431), bodies ≤ 1 MB (413).
Request logs mask card IDs (A0451•••••).`;

export type CliResult =
  { readonly code: number } | { readonly close: () => Promise<void>; readonly url: string };

/** Runs the CLI with `argv` (without node and script). Resolves once the server listens. */
export async function runCli(
  argv: readonly string[],
  out: (line: string) => void = console.log,
): Promise<CliResult> {
  if (argv[0] === 'conformance') return { code: await runConformanceCli(argv.slice(1), out) };
  if (argv[0] === 'venue-register') return runVenueRegister(argv.slice(1), out);
  const usageError = (problem: string): CliResult => {
    out(`${problem}\n\n${HELP}`);
    return { code: 2 };
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        memory: { type: 'boolean' },
        seed: { type: 'boolean' },
        token: { type: 'string' },
        'venue-token': { type: 'string', multiple: true },
        agent: { type: 'string', multiple: true },
        'allow-host': { type: 'string', multiple: true },
        testing: { type: 'boolean' },
        'rate-limit': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    out(HELP);
    return { code: 0 };
  }
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return usageError('--port must be an integer 0–65535');
  const rateLimit = values['rate-limit'] === undefined ? undefined : Number(values['rate-limit']);
  if (rateLimit !== undefined && !(rateLimit > 0 && Number.isFinite(rateLimit)))
    return usageError('--rate-limit must be a positive number of calls a second');
  const badHost = values['allow-host']?.find((h) => !/^[A-Za-z0-9.-]+$/.test(h));
  if (badHost !== undefined)
    return usageError(
      `--allow-host takes a host name without port or scheme (got ${JSON.stringify(badHost)})`,
    );
  // `VENUE=X` pairs into maps (a token or venue named `__proto__` is a name like any other).
  const venueTokens = new Map<string, string>();
  const agents = new Map<string, string[]>();
  for (const [flag, pair] of [
    ...(values['venue-token'] ?? []).map((p) => ['venue-token', p] as const),
    ...(values.agent ?? []).map((p) => ['agent', p] as const),
  ]) {
    const [, venue, other] = /^([^=\s]+)=(\S+)$/.exec(pair) ?? [];
    if (!venue || !other || (flag === 'venue-token' && venueTokens.has(other)))
      return usageError(`--${flag} takes VENUE=${flag === 'agent' ? 'AGENT' : 'TOKEN, each token once'}`);
    if (flag === 'venue-token') venueTokens.set(other, venue);
    else agents.set(venue, [...(agents.get(venue) ?? []), other]);
  }
  if (values.token && values['venue-token'])
    return usageError('--token and --venue-token exclude each other');
  if (values.db && values.memory) return usageError('--db and --memory exclude each other');
  const memory = values.memory === true || values.db === undefined;
  let sandbox;
  try {
    sandbox = await startSandbox({
      port,
      ...(values.host ? { host: values.host } : {}),
      ...(values.db && !memory ? { db: values.db } : {}),
      memory,
      seed: values.seed === true || memory,
      ...(values.token ? { token: values.token } : {}),
      ...(values['venue-token'] ? { venueTokens: Object.fromEntries(venueTokens) } : {}),
      ...(values.agent ? { agents: Object.fromEntries(agents) } : {}),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
      testing: values.testing === true,
      ...(rateLimit === undefined ? {} : { rateLimit: { perSecond: rateLimit } }),
      ...(values.quiet ? {} : { logger: (line: string) => out(`${new Date().toISOString()} ${line}`) }),
    });
  } catch (error) {
    // EADDRINUSE, an unwritable --db path, an unreachable PostgreSQL, a database from something else: one line, exit 1.
    out(`kaiku-sandbox could not start: ${error instanceof Error ? error.message : String(error)}`);
    return { code: 1 };
  }
  out(
    `Kaikukanta sandbox listening on ${sandbox.url} (${memory ? 'in memory' : `database ${describeDatabase(values.db ?? '')}`})`,
  );
  out(`  contract: ${sandbox.url}openapi.json   demo cards: ${sandbox.url}demo-cards`);
  return { close: sandbox.close, url: sandbox.url };
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain || process.env.KAIKU_SANDBOX_BIN === '1') {
  const result = await runCli(process.argv.slice(2));
  if ('code' in result) process.exit(result.code);
  const stop = (): void => void result.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
