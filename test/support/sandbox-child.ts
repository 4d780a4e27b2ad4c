// The real sandbox in a child process for e2e tests and benches (started with `node --import tsx
// --conditions=source`, so the sandbox and the core run from source): seeded, test endpoints on, SQLite file given
// as the first argument (in memory without one). Prints `{"url": …}` once listening.
import { startSandbox } from '@kaiku-scanner/sandbox';

const db = process.argv[2];
const sandbox = await startSandbox({
  port: 0,
  seed: true,
  testing: true,
  ...(db ? { db } : { memory: true }),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
const stop = (): void => {
  void sandbox.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', stop);
