/**
 * Test support: the real sandbox in a child process, run from source, on an ephemeral port with the test
 * endpoints (the shared launcher in test/support/sandbox-process.ts).
 */
import { fileURLToPath } from 'node:url';
import { startSandboxCli } from '../../../../test/support/sandbox-process.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export type SandboxProcess = { readonly url: string; stop(): Promise<void> };

export async function startSandboxProcess(): Promise<SandboxProcess> {
  const sandbox = await startSandboxCli(['--memory', '--testing']);
  return { url: sandbox.url, stop: () => sandbox.close() };
}
