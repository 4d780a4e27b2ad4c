// Starts test/support/sandbox-child.ts (the real sandbox, from source) in its own process and waits for its URL.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export type SandboxProcess = { readonly url: string; close(): Promise<void> };

/** The sandbox with its SQLite database in `db` (a file path), or in memory without one. */
export async function startSandboxProcess(db?: string): Promise<SandboxProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'test/support/sandbox-child.ts', ...(db ? [db] : [])],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('sandbox did not start in 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      clearTimeout(timer);
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
