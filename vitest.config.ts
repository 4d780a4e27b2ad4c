import { defineConfig } from 'vitest/config';

// Unit tests: pure code and Node-side code (sandbox, CLI, HTTP client against msw).
// Browser tests (*.browser.test.ts) run in Chromium through web-test-runner; e2e tests through vitest.e2e.config.ts.
export default defineConfig({
  // Workspace packages resolve to their TypeScript sources (the `source` export condition), never to a stale dist.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    exclude: ['**/*.browser.test.ts', '**/node_modules/**', '**/dist/**'],
    environment: 'node',
    setupFiles: ['test/support/vitest-setup.ts'],
    // A hang guard, not a speed limit: `npm test` runs its lanes side by side, and at load 19 (the lanes, a bench and
    // a helper's runs) tests of 2–5 s took over 20 s.
    testTimeout: 60_000,
    // vitest's default is one worker fewer than the cores: one file at a time on CI's two. Most files wait on a
    // sandbox, a child process or a socket far more than they compute, so two files at a time fill the machine.
    maxWorkers: 2,
    // A worker runs file after file in one module graph: each file importing zod, the sandbox and the CLI afresh cost
    // half the step's CPU (296 -> 143 s; import 90 -> 14 s). Passed in three file orders (`--sequence.shuffle.files`).
    isolate: false,
    coverage: {
      provider: 'v8',
      include: ['packages/core/src/**/*.ts'],
      // Browser-only adapters are measured by the browser suite, not here.
      exclude: [
        '**/*.test.ts',
        '**/*.browser.test.ts',
        'packages/core/src/outbox/**',
        'packages/core/src/input/**',
        'packages/core/src/**/*.d.ts',
      ],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 95 },
    },
  },
});
