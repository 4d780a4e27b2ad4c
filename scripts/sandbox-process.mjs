// The one way the repo starts the sandbox from source (`npm start`, e2e tests, benches): its own command line,
// `packages/sandbox/src/cli.ts` through tsx, on a given port (0: any free one). Resolves once it is listening.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));

/**
 * @param {readonly string[]} args the CLI's options (`--memory`, `--db FILE`, `--seed`, `--testing`)
 * @param {{ port?: number, quiet?: boolean, command?: string }} [options] `quiet: false` echoes the sandbox's output
 *   (for `npm start`); `command`: a subcommand (`venue-register`) before the options
 */
export async function startSandboxCli(args, { port = 0, quiet = true, command } = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'packages/sandbox/src/cli.ts']
      .concat(command ? [command] : [])
      .concat(['--port', String(port)])
      .concat(quiet ? ['--quiet'] : [])
      .concat(args),
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk.toString()));
  const close = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.exitCode === null && child.kill());
  const { url, said } = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`the sandbox did not start within 60 s: ${out}`));
    }, 60_000);
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/\S+?)\/?\s/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      // From now on its output is not parsed: stdout is echoed or dropped, errors still reach ours.
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      if (!quiet) child.stdout.pipe(process.stdout);
      child.stderr.pipe(process.stderr);
      resolve({ url: `${m[1]}/`, said: out });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}): ${out}`));
    });
  });
  return { url, said, child, stderr: () => stderr, close };
}
