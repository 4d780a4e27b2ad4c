import { defineConfig } from 'vitest/config';

// End-to-end tests: Node drives the real Chromium (playwright-core, /usr/bin/chromium) against the real sandbox.
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (the `source` export condition), never to a stale dist.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
