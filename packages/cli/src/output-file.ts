/**
 * Where a CLI may write: never over an existing file unless `--force`, never over a file it reads (not even with
 * `--force`, not through a link), never to a name with control characters. Each refusal has a stable code.
 */
import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Locale } from '@kaiku-scanner/core';
import { say } from './cli-text.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import { terminalText } from './start-cli.js';

export type OutputRefusal = 'output-exists' | 'output-is-input' | 'output-path-unsafe';

export type OutputCheck =
  { readonly ok: true } | { readonly ok: false; readonly code: OutputRefusal; readonly exit: ExitCode };

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The refusal as `<code>: <message>` in the user's language (the file name shown with control characters escaped). */
export function outputRefusalText(code: OutputRefusal, locale: Locale, file: string): string {
  return `${code}: ${say(code, locale, { file: terminalText(file) })}`;
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path); // follows links: a link to the input is the input
    return `${info.dev}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/**
 * Checks an output path before anything is read, sent or written.
 *
 * @example
 * const check = await checkOutputPath('rivit.csv', { force: false, inputs: ['myynti.csv'] });
 */
export async function checkOutputPath(
  path: string,
  options: { readonly force: boolean; readonly inputs?: readonly string[] },
): Promise<OutputCheck> {
  if (UNSAFE_NAME.test(path)) return { ok: false, code: 'output-path-unsafe', exit: EXIT.usage };
  const output = await identity(path);
  if (output === undefined) return { ok: true };
  for (const input of options.inputs ?? []) {
    if ((await identity(input)) === output) return { ok: false, code: 'output-is-input', exit: EXIT.usage };
  }
  return options.force ? { ok: true } : { ok: false, code: 'output-exists', exit: EXIT.file };
}

/** Opens an output stream: exclusive create unless `force` (a file that appeared since the check is not overwritten). */
export function openOutput(path: string, force: boolean): Promise<WriteStream | OutputRefusal | 'failed'> {
  const stream = createWriteStream(path, { flags: force ? 'w' : 'wx' });
  return new Promise((resolve) => {
    stream.once('open', () => resolve(stream));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EEXIST' ? 'output-exists' : 'failed'),
    );
  });
}
