// The real sandbox from a browser test (test/support/wtr-sandbox-plugin.mjs): started on the runner's machine, its
// address handed to the page. A start may take longer than web-test-runner gives one command (20 s): the plugin then
// answers "pending" and the next command waits on, so the wait ends when the sandbox listens (or at the hang guard).
import { executeServerCommand } from '@web/test-runner-commands';

type Answer = { url: string } | { pending: number };

/** Starts a sandbox with its test endpoints; resolves to its address. */
export async function startSandbox(guardMs = 180_000): Promise<{ url: string }> {
  const deadline = performance.now() + guardMs;
  let answer = (await executeServerCommand('kaiku-sandbox-start', { testing: true })) as Answer;
  while ('pending' in answer) {
    if (performance.now() > deadline) throw new Error(`the sandbox did not start within ${guardMs} ms`);
    answer = (await executeServerCommand('kaiku-sandbox-start', { pending: answer.pending })) as Answer;
  }
  return answer;
}
