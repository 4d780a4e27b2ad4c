import { defineConfig } from 'vitest/config';

const workers = Number(process.env['KAIKU_E2E_WORKERS'] ?? 2);

// End-to-end tests: Node drives the real Chromium (playwright-core, /usr/bin/chromium) against the real sandbox.
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (the `source` export condition), never to a stale dist.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/support/e2e-global-setup.ts'],
    // Node's environment; when a worker stops, it closes what the worker's files shared (e2e-environment.ts).
    environment: './test/support/e2e-environment.ts',
    // A worker runs file after file in one process, so its files share one sandbox, demo server (and proxy) and
    // Chromium (e2e-shared.ts): starting them per file cost ~6.5 CPU s a file. Each test still gets a reset sandbox
    // and a fresh browser context.
    isolate: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
    // Two files at a time (each its own sandbox, demo server and browser on free ports): the tests mostly wait on
    // the network and timers, so two run in about half the time on 2 cores (issue 60). KAIKU_E2E_WORKERS=1: one.
    fileParallelism: workers > 1,
    maxWorkers: workers,
  },
});
