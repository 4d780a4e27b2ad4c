// The real sandbox in its own process, from source, for tests and benches: the sandbox's own command line, as a
// vendor runs it. Each start waits for the URL it listens on.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type SandboxProcess = { readonly url: string; close(): Promise<void> };

/** The seeded sandbox with its test endpoints and its SQLite database in `db` (a file path), or in memory. */
export async function startSandboxProcess(db?: string): Promise<SandboxProcess> {
  return startSandboxCli([...(db ? ['--db', db, '--seed'] : ['--memory']), '--testing']);
}

export type SandboxCli = SandboxProcess & {
  readonly child: ChildProcess;
  /** Everything the process has written to stderr so far (it also reaches this process's stderr). */
  stderr(): string;
};

/**
 * The sandbox's own command line (`packages/sandbox/src/cli.ts`, from source) on an ephemeral port, as a vendor
 * runs it: `args` are its options (`--memory`, `--db FILE`, `--seed`, `--testing`). Resolves with its URL (with a
 * trailing slash) once it says it is listening.
 */
export async function startSandboxCli(args: readonly string[]): Promise<SandboxCli> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=source',
      'packages/sandbox/src/cli.ts',
      '--port',
      '0',
      '--quiet',
      ...args,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start: ${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+?\/?)\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        // From now on its output is not parsed: stdout is dropped, errors still reach ours.
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stderr.pipe(process.stderr);
        resolve(m[1]!.endsWith('/') ? m[1]! : `${m[1]}/`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
  });
  return { url, child, stderr: () => stderr, close: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
