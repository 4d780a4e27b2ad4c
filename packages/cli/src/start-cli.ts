/**
 * The start every command shares: parse the arguments, pick the language, answer `--help`, and a `fail` that
 * writes `<command>: <message>` (plus a pointer to --help for usage errors) and returns the exit code. Both `fail`
 * and `print` escape control characters: messages and summaries carry text from files and servers.
 */
import type { ParseArgsConfig } from 'node:util';
import type { Locale } from '@kaiku-scanner/core';
import { localize } from '@kaiku-scanner/core';
import { pickLocale, say } from './cli-text.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { parseCli } from './parse-cli-args.js';
import { terminalText } from './terminal-text.js';

export type Fail = (locale: Locale, message: string, code: ExitCode) => ExitCode;

export type CliStart<V> =
  | { readonly exit: ExitCode }
  | {
      readonly exit?: undefined;
      readonly values: V;
      readonly positionals: readonly string[];
      readonly locale: Locale;
      readonly fail: Fail;
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
 * const start = startCli<Values>('kaiku-report', argv, OPTIONS, REPORT_HELP, io);
 * if (start.exit !== undefined) return start.exit;
 */
export function startCli<V extends { lang?: string | undefined; help?: boolean | undefined }>(
  command: string,
  argv: readonly string[],
  options: NonNullable<ParseArgsConfig['options']>,
  help: string,
  io: CliIo,
): CliStart<V> {
  const fail: Fail = (locale, message, code) => {
    io.stderr.write(
      `${command}: ${terminalText(message)}\n${code === EXIT.usage ? say('seeHelp', locale) + '\n' : ''}`,
    );
    return code;
  };
  const parsed = parseCli<V>(argv, options);
  if (!parsed.ok) {
    const locale = pickLocale(langOf(argv), io.env) ?? 'en';
    // An option it does not know is named with the one it probably meant, in the user's language.
    const text = parsed.unknown
      ? localize({ code: 'unknown-field', params: parsed.unknown }, locale)
      : parsed.message;
    return { exit: fail(locale, text, EXIT.usage) };
  }
  const locale = pickLocale(parsed.values.lang, io.env);
  if (!locale) return { exit: fail('en', say('badOption', 'en', { option: '--lang' }), EXIT.usage) };
  if (parsed.values.help) {
    io.stdout.write(help);
    return { exit: EXIT.ok };
  }
  const print = (text: string): void => void io.stdout.write(terminalText(text));
  return { values: parsed.values, positionals: parsed.positionals, locale, fail, print };
}
