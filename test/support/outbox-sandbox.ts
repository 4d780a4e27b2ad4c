// Starts the real sandbox (SQLite file in a temp dir, test endpoints on) in a child process running from
// source, and offers the test endpoints the outbox tests use.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export type OutboxSandbox = {
  readonly url: string;
  post(path: string, body: unknown): Promise<unknown>;
  /** Usages the server holds for this card and show (`/__sandbox/usages/count`). */
  count(cardId: string, showId: string): Promise<number>;
  close(): Promise<void>;
};

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function startOutboxSandbox(): Promise<OutboxSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiku-outbox-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=source',
      join(root, 'test/support/outbox-sandbox-child.ts'),
      join(dir, 'sandbox.db'),
    ],
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
    async post(path, body) {
      const res = await fetch(new URL(path, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    async count(cardId, showId) {
      const res = await fetch(
        new URL(`/__sandbox/usages/count?cardId=${cardId}&showId=${encodeURIComponent(showId)}`, url),
      );
      return ((await res.json()) as { count: number }).count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}
