// The real sandbox for browser tests (their side: test/support/browser-sandbox.ts): `kaiku-sandbox-start`
// ({ testing?, token? }) starts packages/sandbox/src/cli.ts (scripts/sandbox-process.mjs) on an ephemeral port with an
// in-memory database (or hands out one started ahead) and resolves `{ url }`, or `{ pending: id }` when the start
// takes longer than WAIT_MS (then `kaiku-sandbox-start` with `{ pending: id }` waits on); `kaiku-sandbox-stop`
// ({ url }) ends it.
// Browser pages then call it cross-origin, so CORS, preflights and exposed headers are exercised for real.
import { startSandboxCli } from '../../scripts/sandbox-process.mjs';

/** The sandbox's own command line, as everything in the repo starts it (`testing`: its test endpoints). */
const start = ({ testing = true, token } = {}) =>
  startSandboxCli(['--memory', ...(testing ? ['--testing'] : []), ...(token ? ['--token', token] : [])]);

/**
 * A sandbox per kind of start (its payload) is started ahead and handed out at once; the next one starts meanwhile.
 * A start takes 5–15 s on a loaded 2-core machine, and web-test-runner gives a command 20 s (fixed in its client).
 */
/** How long one command waits for a start: under web-test-runner's fixed 20 s per command. */
const WAIT_MS = 12_000;

export function sandboxPlugin() {
  const running = new Map();
  const pending = new Map();
  let lastId = 0;
  const ahead = new Map();
  const kindOf = (payload) => JSON.stringify({ testing: payload?.testing ?? true, token: payload?.token });
  const startAhead = (payload) => {
    const next = start(payload);
    next.catch(() => undefined); // a failed start ahead is started again when asked for
    ahead.set(kindOf(payload), next);
  };
  const take = async (payload) => {
    const ready = ahead.get(kindOf(payload));
    startAhead(payload);
    return (await ready?.catch(() => undefined)) ?? start(payload);
  };
  return {
    name: 'kaiku-sandbox',
    serverStart() {
      startAhead({ testing: true });
    },
    async executeCommand({ command, payload }) {
      if (command === 'kaiku-sandbox-start') {
        const id = payload?.pending ?? ++lastId;
        const starting =
          pending.get(id) ?? (payload?.pending === undefined ? take(payload ?? {}) : undefined);
        if (!starting) throw new Error(`kaiku-sandbox-start: no start pending as ${payload.pending}`);
        pending.set(id, starting);
        const waited = await Promise.race([starting, new Promise((r) => setTimeout(r, WAIT_MS))]);
        if (!waited) return { pending: id };
        pending.delete(id);
        running.set(waited.url, waited.child);
        return { url: waited.url };
      }
      if (command === 'kaiku-sandbox-stop') {
        // Resolves once the process has exited: a test that stops the API must not reach it a moment later.
        const child = running.get(payload?.url);
        running.delete(payload?.url);
        if (child && child.exitCode === null && child.signalCode === null) {
          await new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          });
        }
        return true;
      }
      return undefined;
    },
    async serverStop() {
      for (const child of running.values()) child.kill('SIGTERM');
      running.clear();
      for (const next of ahead.values())
        void next.then(({ child }) => child.kill('SIGTERM')).catch(() => undefined);
      ahead.clear();
    },
  };
}
