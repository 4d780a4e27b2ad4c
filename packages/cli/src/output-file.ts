/** Where a CLI may write: not over a file unless `--force`, never over its input or to a name with controls. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UNSAFE } from '@kaiku-scanner/core/contract';
import { say } from './cli-text.js';
import { EXIT, terminalText, type Cli, type ExitCode } from './start-cli.js';

type OutputRefusal = 'output-exists' | 'output-is-input' | 'output-path-unsafe';

/** Says the refusal as `<code>: <message>` (the file name shown with control characters escaped). */
const refuse = (cli: Cli<unknown>, code: OutputRefusal, file: string, exit: ExitCode): ExitCode =>
  cli.fail(`${code}: ${say(code, cli.locale, { file: terminalText(file) })}`, exit);

// stat follows links: a link to the input is the input.
const identity = (path: string): Promise<string | undefined> =>
  stat(path).then(
    (info) => `${info.dev}:${info.ino}`,
    () => undefined,
  );

/**
 * Checks an output path before anything is read, sent or written: undefined, or the refusal said and its exit code.
 *
 * @example
 * const refused = await checkOutput(cli, 'rivit.csv', false, ['myynti.csv']);
 */
export async function checkOutput(
  cli: Cli<unknown>,
  path: string,
  force: boolean,
  inputs: readonly string[] = [],
): Promise<ExitCode | undefined> {
  if (path.search(UNSAFE) >= 0) return refuse(cli, 'output-path-unsafe', path, EXIT.usage);
  const output = await identity(path);
  if (output === undefined) return undefined;
  for (const input of inputs)
    if ((await identity(input)) === output) return refuse(cli, 'output-is-input', path, EXIT.usage);
  return force ? undefined : refuse(cli, 'output-exists', path, EXIT.file);
}

/**
 * Writes `data` (if any) and closes `stream`; `false` when the file could not be written (a full disk, a lost mount).
 *
 * @example
 * if (!(await closeOutput(stream, bytes))) return cli.failWith('fileWrite', { file }, EXIT.file);
 */
export function closeOutput(stream: WriteStream, data?: Uint8Array | string): Promise<boolean> {
  return new Promise((resolve) => {
    stream.once('error', () => resolve(false));
    const done = (error?: Error | null): void => resolve(!error);
    if (data === undefined) stream.end(done);
    else stream.end(data, done);
  });
}

/** Opens an output stream (exclusive unless `force`: a file made since the check is kept), or says the failure. */
export function openOutput(cli: Cli<unknown>, path: string, force: boolean): Promise<WriteStream | ExitCode> {
  const stream = createWriteStream(path, { flags: force ? 'w' : 'wx' });
  return new Promise((resolve) => {
    stream.once('open', () => resolve(stream));
    stream.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'EEXIST'
          ? refuse(cli, 'output-exists', path, EXIT.file)
          : cli.failWith('fileWrite', { file: path }, EXIT.file),
      ),
    );
  });
}
