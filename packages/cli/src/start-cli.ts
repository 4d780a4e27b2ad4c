/** The start every command shares: exit codes, arguments, language, `--help`, and `fail`/`print` (escaped). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { type Locale, createApiClient, isKaikuError, localize } from '@kaiku-scanner/core';
import { suggestField, UNSAFE, visibleText } from '@kaiku-scanner/core/contract';
import { pickLocale, say, type CliTextKey } from './cli-text.js';

/** Exit codes scripts can rely on (documented in docs/reports.md and `--help`). */
export const EXIT = {
  ok: 0, // everything went in (dry run: every row is valid); the report was written
  rowsFailed: 1, // some rows were invalid, refused by the server, or not sent
  usage: 2, // bad command line: unknown option, missing --venue, missing token variable…
  file: 3, // the file could not be read or written, or is not a sales report (empty, wrong header, too large…)
  server: 4, // Kaikukanta (or the sandbox) could not be reached or failed
  interrupted: 130, // Ctrl-C: rows registered so far are listed; importing again is safe
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

// Every other code is about the file. `report-more-sheets`: other sheets are still to be imported (with --sheet).
const EXIT_OF_ERROR = new Map<string, ExitCode>([
  ['report-aborted', EXIT.interrupted],
  ['report-server-failed', EXIT.server],
  ['report-options-invalid', EXIT.usage],
  ['report-no-show-list', EXIT.usage], // the command must change: --shows or --new-shows
  ['report-more-sheets', EXIT.rowsFailed],
]);

/** The exit code of an import/export error code. */
export const exitCodeOf = (errorCode: string): ExitCode => EXIT_OF_ERROR.get(errorCode) ?? EXIT.file;

/** A command's option table, and the values `parseArgs` reads with it. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues<O extends CliOptions> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>['values'];

/** A parse failure as said: node's (English) text, or an unknown option named with the one it probably meant. */
function parseFailure(error: unknown, options: CliOptions, locale: Locale): string {
  const message = error instanceof Error ? error.message : String(error);
  const name = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
  if (name === undefined) return message;
  const suggestion = suggestField(name.replace(/^-+/, '').split('=')[0] ?? '', Object.keys(options));
  const params = { path: name, ...(suggestion ? { suggestion: `--${suggestion}` } : {}) };
  return localize({ code: 'unknown-field', params }, locale);
}

/** `256M`, `2G`, `1000` → bytes. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg])?i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  return Math.floor(Number(m[1]) * unit);
}

/** A started command: its arguments, language, and the ways it ends or writes. */
export type Cli<V> = {
  readonly exit?: undefined;
  readonly values: V;
  readonly positionals: readonly string[];
  readonly locale: Locale;
  /** Writes `<command>: <message>` to stderr and returns `code`. */
  readonly fail: (message: string, code: ExitCode) => ExitCode;
  /** `fail` with one of the CLI's own texts. */
  readonly failWith: (key: CliTextKey, params: Record<string, string | number>, code: ExitCode) => ExitCode;
  /** Writes to stdout with control characters escaped (summaries carry text from files and servers). */
  readonly print: (text: string) => void;
};

/** `--lang` read from the raw arguments, for a usage error found before they could be parsed. */
function langOf(argv: readonly string[]): string | undefined {
  const at = argv.indexOf('--lang');
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
}

/**
 * @example
 * const cli = startCli('kaiku-report', argv, OPTIONS, REPORT_HELP, io);
 * if (cli.exit !== undefined) return cli.exit;
 */
export function startCli<O extends CliOptions>(
  command: string,
  argv: readonly string[],
  options: O,
  help: string,
  io: CliIo,
): { readonly exit: ExitCode } | Cli<CliValues<O>> {
  type V = CliValues<O> & { lang?: string; help?: boolean };
  const failIn = (locale: Locale, message: string, code: ExitCode): ExitCode => {
    io.stderr.write(
      `${command}: ${terminalText(message)}\n${code === EXIT.usage ? say('seeHelp', locale) + '\n' : ''}`,
    );
    return code;
  };
  let parsed: { values: V; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    const locale = pickLocale(langOf(argv), io.env) ?? 'en';
    return { exit: failIn(locale, parseFailure(error, options, locale), EXIT.usage) };
  }
  const locale = pickLocale(parsed.values.lang, io.env);
  if (!locale) return { exit: failIn('en', say('badOption', 'en', { option: '--lang' }), EXIT.usage) };
  if (parsed.values.help) {
    io.stdout.write(help);
    return { exit: EXIT.ok };
  }
  return {
    values: parsed.values,
    positionals: parsed.positionals,
    locale,
    fail: (message, code) => failIn(locale, message, code),
    failWith: (key, params, code) => failIn(locale, say(key, locale, params), code),
    print: (text) => void io.stdout.write(terminalText(text)),
  };
}

/** The API client of `--base-url` with the token from `--token-env`'s variable, or the usage error. */
export function apiClient(
  cli: Cli<{ readonly 'base-url'?: string; readonly 'token-env'?: string }>,
  env: CliIo['env'],
): ReturnType<typeof createApiClient> | ExitCode {
  const baseUrl = cli.values['base-url'] ?? env.KAIKU_BASE_URL;
  const tokenEnv = cli.values['token-env'] ?? 'KAIKU_TOKEN';
  const token = env[tokenEnv];
  if (!baseUrl) return cli.failWith('missingOption', { option: '--base-url' }, EXIT.usage);
  if (!token) return cli.failWith('noToken', { name: tokenEnv }, EXIT.usage);
  return createApiClient({ baseUrl, getToken: () => token });
}

/** Kaikukanta could not be reached or failed: the reason is the error's code, never the server's text. */
export const unreachable = (cli: Cli<unknown>, error: unknown): ExitCode =>
  cli.failWith('unreachable', { reason: isKaikuError(error) ? error.code : 'network' }, EXIT.server);

/** What a CLI run touches: streams, environment, and a cancel signal. Injected so tests can run it in-process. */
export type CliIo = {
  readonly stdout: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  readonly stderr: { isTTY?: boolean; columns?: number; write(text: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly signal?: AbortSignal;
};

/** The real process's IO; Ctrl-C cancels the run (the import then reports what went in). */
export function processIo(): CliIo {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal };
}

/**
 * Text from a file or a server, made safe for a terminal: C0/C1 controls, DEL and bidi controls ("Trojan Source")
 * shown as visible escapes; line breaks stay.
 *
 * @example
 * terminalText('Show\u001b[2J'); // 'Show\\x1B[2J'
 */
export const terminalText = (text: string): string => visibleText(text, true);

/**
 * JSON for a terminal: C1, DEL and bidi controls (which `JSON.stringify` leaves raw) escaped as `\uXXXX` too.
 *
 * @example
 * terminalJson({ sheet: 'A\u009b2J' }); // '{"sheet":"A\\u009B2J"}'
 */
export function terminalJson(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(UNSAFE, (char) =>
    // A raw line break in JSON text is `space`'s formatting.
    char === '\n' ? char : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}
