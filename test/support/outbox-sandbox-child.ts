// The sandbox in its own process for the outbox e2e test and bench (`node --import tsx --conditions=source`,
// so the sandbox and the core run from source). Prints `{"url": …}` once listening.
import { startSandbox } from '@kaiku-scanner/sandbox';

const db = process.argv[2];
const sandbox = await startSandbox({
  port: 0,
  seed: true,
  testing: true,
  ...(db ? { db } : { memory: true }),
});
process.stdout.write(`${JSON.stringify({ url: sandbox.url })}\n`);
const stop = (): void => void sandbox.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
