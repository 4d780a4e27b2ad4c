// `kaiku-sandbox venue-register`: a venue's own register on its own network (issue 63). Several terminals of one
// venue share it, so a card used at one window is refused at the next, the cap counts every terminal, and the
// evening's file for Kaikukanta's import is written once for the whole venue. It is the sandbox's server (the same
// contract, rules and limits) with a venue's settings: a database file that a restart keeps, commits on disk before
// they are answered, a token per terminal bound to the venue, no demo data and no test routes.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { TerminalNameSchema } from '@kaiku-scanner/core/contract';
import { describeDatabase, openStore } from './db/open-store.js';
import { startSandbox } from './start-sandbox.js';
import type { CliResult } from './cli.js';

export const VENUE_REGISTER_HELP = `kaiku-sandbox venue-register — the venue's shared register for its terminals

Usage: kaiku-sandbox venue-register --venue ID --terminal NAME [--terminal NAME …] [options]

  --venue ID          the venue's Kaikukanta ID (required); every token acts for this venue only
  --terminal NAME     a terminal (as its element's terminal-name, e.g. "Kassa 1"); repeatable. A new name
                      gets a token, printed once; the names already in the database keep theirs
  --db FILE           the register's SQLite file (default kaiku-venue-register.sqlite); a restart keeps
                      every usage, and every usage is on disk before a terminal is told it is recorded
  --db URL            or a PostgreSQL database: postgres://user[:password]@host[:port]/dbname
  --port N            port (default 8787)
  --host H            interface to bind (default 0.0.0.0: every interface of this machine)
  --origin URL        the origin of the page the terminals run in (e.g. https://kassa.teatteri.fi), when it
                      is not this server; repeatable
  --tls-cert FILE     serve HTTPS with this PEM certificate (with --tls-key); see "Plain HTTP" below
  --tls-key FILE      its PEM private key
  --allow-host H      also answer requests for host name H (repeatable; IP addresses are always answered)
  --show-tokens       print every terminal's token again (they are in the database file)
  --revoke NAME       remove a terminal's token (a lost or stolen device), before the register starts;
                      repeatable. Its requests are refused from then on (401); its usages stay. Stop the
                      register and start it with --revoke; --terminal NAME later gives the name a new token
  --quiet             no request log (card IDs are masked in it: A0451•••••)
  --help              show this help

Plain HTTP: allowed only where every address served is loopback or private (10/8, 172.16/12, 192.168/16,
169.254/16, fc00::/7, fe80::/10): then tokens and card IDs cross the venue's own network unencrypted, and
each terminal must say so (the element's allow-insecure-http, which keeps a notice on screen). On any other
address, or for terminals whose page is served over HTTPS, give --tls-cert and --tls-key.

The evening's file for Kaikukanta's import, for the whole venue, from any machine that reaches the register:
  KAIKU_TOKEN=<a terminal's token> kaiku-report --venue ID --from DAY --to DAY --base-url URL`;

const OPTIONS = {
  venue: { type: 'string' },
  terminal: { type: 'string', multiple: true },
  db: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  origin: { type: 'string', multiple: true },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'show-tokens': { type: 'boolean' },
  revoke: { type: 'string', multiple: true },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Loopback, private (RFC 1918, fc00::/7) or link-local: an address of a venue's own network, never the internet's. */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/i.exec(address);
  if (v4) {
    const a = Number(v4[1]);
    const b = Number(v4[2]);
    return (
      a === 127 ||
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254)
    );
  }
  const v6 = address.toLowerCase();
  return v6 === '::1' || /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
}

/** The addresses a server bound to `host` answers on: this machine's interfaces for a wildcard. */
export function servedAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && (host === '::' || i.family === 'IPv4'))
    .map((i) => i!.address);
}

/**
 * Each named terminal's token, kept in the register's own database: a new name gets a new random token, a known
 * one keeps its own (a restart changes no terminal's settings). Returns every stored token of the venue.
 */
export async function terminalTokens(
  database: string,
  venue: string,
  names: readonly string[],
  revoke: readonly string[] = [],
) {
  const store = await openStore(database, { durable: true });
  try {
    const key = (name: string): string => `terminal-token ${JSON.stringify([venue, name])}`;
    const revoked: string[] = [];
    for (const name of revoke) if (await store.deleteMeta(key(name))) revoked.push(name);
    const created: string[] = [];
    for (const name of names)
      if (await store.addMeta(key(name), randomBytes(24).toString('base64url'))) created.push(name);
    const rows = await store.metaWithPrefix('terminal-token ');
    const all = rows
      .map((row) => ({
        id: JSON.parse(row.key.slice('terminal-token '.length)) as [string, string],
        token: row.value,
      }))
      .filter((row) => row.id[0] === venue)
      .map((row) => ({ name: row.id[1], token: row.token }));
    return { all, created, revoked };
  } finally {
    await store.close();
  }
}

/** What is wrong with the command's options (the first thing found), or undefined. */
function argsProblem(values: ParsedValues): string | undefined {
  const venue = values.venue;
  if (venue === undefined || !/^[^\s\p{Cc}\p{Cf}]{1,128}$/u.test(venue))
    return '--venue takes the venue’s ID (1–128 characters, no spaces)';
  const names = values.terminal ?? [];
  const revoke = values.revoke ?? [];
  const both = names.find((n) => revoke.includes(n));
  if (both !== undefined)
    return `--terminal and --revoke both name ${JSON.stringify(both)}: revoke first, then add it`;
  const badName = [...names, ...revoke].find((n) => !TerminalNameSchema.safeParse(n).success);
  if (badName !== undefined)
    return `--terminal ${JSON.stringify(badName)}: a terminal name is 1–40 letters, digits and a few marks, never four digits in a row`;
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return '--port must be an integer 0–65535';
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined))
    return '--tls-cert and --tls-key go together';
  const badOrigin = values.origin?.find((o) => !/^https?:\/\/[^/\s]+$/.test(o));
  if (badOrigin !== undefined)
    return `--origin takes an origin such as https://kassa.example.fi (got ${JSON.stringify(badOrigin)})`;
  return undefined;
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** Runs `kaiku-sandbox venue-register` with `argv` (after the subcommand). Resolves once the server listens. */
export async function runVenueRegister(
  argv: readonly string[],
  out: (line: string) => void,
): Promise<CliResult> {
  const usageError = (problem: string, help = true): CliResult => {
    out(help ? `${problem}\n\n${VENUE_REGISTER_HELP}` : `${problem} (kaiku-sandbox venue-register --help)`);
    return { code: 2 };
  };
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    out(VENUE_REGISTER_HELP);
    return { code: 0 };
  }
  const problem = argsProblem(values);
  if (problem !== undefined) return usageError(problem);
  const venue = values.venue!;
  const names = values.terminal ?? [];
  const revoke = values.revoke ?? [];
  const port = values.port === undefined ? 8787 : Number(values.port);
  const host = values.host ?? '0.0.0.0';
  const addresses = servedAddresses(host);
  const tls = values['tls-cert'] !== undefined;
  const open = addresses.filter((a) => !isPrivateAddress(a));
  if (!tls && open.length > 0)
    return usageError(
      `plain HTTP refused: ${open.join(', ')} is not a private address; give --tls-cert and --tls-key, or --host a private address`,
      false,
    );
  const file = values.db ?? 'kaiku-venue-register.sqlite';
  let sandbox;
  let tokens;
  try {
    tokens = await terminalTokens(file, venue, names, revoke);
    const unknown = revoke.filter((n) => !tokens!.revoked.includes(n));
    if (unknown.length > 0)
      return usageError(
        `--revoke: no terminal ${unknown.map((n) => JSON.stringify(n)).join(', ')} of ${venue}`,
        false,
      );
    for (const name of tokens.revoked) out(`Terminal ${JSON.stringify(name)}: token revoked`);
    if (tokens.all.length === 0)
      return usageError('name at least one --terminal: each terminal needs its own token', false);
    sandbox = await startSandbox({
      port,
      host,
      db: file,
      durable: true,
      uncheckedCards: true,
      venueTokens: Object.fromEntries(tokens.all.map((t) => [t.token, venue])),
      ...(values.origin ? { corsOrigins: values.origin } : {}),
      ...(values['allow-host'] ? { allowedHosts: values['allow-host'] } : {}),
      ...(tls
        ? { tls: { cert: readFileSync(values['tls-cert']!), key: readFileSync(values['tls-key']!) } }
        : {}),
      ...(values.quiet ? {} : { logger: (line: string) => out(`${new Date().toISOString()} ${line}`) }),
    });
  } catch (error) {
    out(
      `kaiku-sandbox venue-register could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { code: 1 };
  }
  const shown = values['show-tokens']
    ? tokens.all
    : tokens.all.filter((t) => tokens.created.includes(t.name));
  for (const t of shown) out(`Terminal ${JSON.stringify(t.name)}: token ${t.token}`);
  const kept = tokens.all.length - shown.length;
  if (kept > 0) out(`${kept} terminal token(s) kept from the database (--show-tokens prints them)`);
  if (!tls && addresses.some((a) => !/^(127\.|::1$)/.test(a)))
    out(
      'Plain HTTP on the venue’s own network: each terminal needs allow-insecure-http (a notice stays on screen)',
    );
  // Last: the line that says the register answers.
  const scheme = tls ? 'https' : 'http';
  const urls = addresses.map((a) => `${scheme}://${a.includes(':') ? `[${a}]` : a}:${sandbox.port}/`);
  out(`Venue register of ${venue} listening on ${urls.join(' ')} (database ${describeDatabase(file)})`);
  return { close: sandbox.close, url: sandbox.url };
}
