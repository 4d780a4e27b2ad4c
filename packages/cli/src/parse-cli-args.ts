/** Shared command-line parsing: `node:util` parseArgs, with usage errors turned into exit code 2. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { suggestField } from '@kaiku-scanner/core/contract';

/**
 * A failed parse: `message` is node's (English) text; for an option the command does not know, `unknown` names
 * it and the option it probably meant, for the `unknown-field` message in the user's language.
 */
export type ParsedCli<T> =
  | { ok: true; values: T; positionals: string[] }
  | { ok: false; message: string; unknown?: { readonly path: string; readonly suggestion?: string } };

/** A command's option table, and the values `parseArgs` reads with it. */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues<O extends CliOptions> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>['values'];

export function parseCli<T>(argv: readonly string[], options: CliOptions): ParsedCli<T> {
  try {
    const parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
    return { ok: true, values: parsed.values as T, positionals: parsed.positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const name = /^Unknown option '(-{1,2}[^']+)'/.exec(message)?.[1];
    if (name === undefined) return { ok: false, message };
    const long = name.replace(/^-+/, '').split('=')[0] ?? '';
    const suggestion = suggestField(long, Object.keys(options));
    return {
      ok: false,
      message,
      unknown: { path: name, ...(suggestion ? { suggestion: `--${suggestion}` } : {}) },
    };
  }
}

/** `256M`, `2G`, `1000` → bytes. */
export function parseBytes(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg])?i?b?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 1;
  return Math.floor(Number(m[1]) * unit);
}
