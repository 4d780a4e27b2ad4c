// Starts the real sandbox (SQLite file in a temp dir, test endpoints on) in a child process running from
// source, and offers the test endpoints the outbox tests use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxProcess } from './sandbox-process.js';

/** The sandbox's test routes take a bearer token like its API (any one: no --token here). */
const TEST_AUTH = { authorization: 'Bearer test-support' };

export type OutboxSandbox = {
  readonly url: string;
  post(path: string, body: unknown): Promise<unknown>;
  /** Usages the server holds for this card and show (`/__sandbox/usages/count`). */
  count(cardId: string, showId: string): Promise<number>;
  close(): Promise<void>;
};

export async function startOutboxSandbox(): Promise<OutboxSandbox> {
  const dir = mkdtempSync(join(tmpdir(), 'kaiku-outbox-'));
  const sandbox = await startSandboxProcess(join(dir, 'sandbox.db'));
  const url = sandbox.url;
  return {
    url,
    async post(path, body) {
      const res = await fetch(new URL(path, url), {
        method: 'POST',
        headers: { ...TEST_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    async count(cardId, showId) {
      const res = await fetch(
        new URL(`/__sandbox/usages/count?cardId=${cardId}&showId=${encodeURIComponent(showId)}`, url),
        { headers: TEST_AUTH },
      );
      return ((await res.json()) as { count: number }).count;
    },
    async close() {
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
