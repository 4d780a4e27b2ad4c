// Browser tests (*.browser.test.ts) in a real engine of the machine: Chromium by default, or the one
// `KAIKU_ENGINE` names (chromium, firefox, webkit; see test/support/engines.mjs). `npm test` runs all three,
// one after the other.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { browserFor, filesFor, runnerNote, selectedEngine } from './test/support/engines.mjs';
import { wtrPlugins } from './test/support/wtr-plugins.mjs';
import { timingReporter } from './test/support/wtr-timing-reporter.mjs';
import { flakyModules } from './test/support/wtr-flaky-middleware.mjs';
import { defaultReporter } from '@web/test-runner';

const engine = selectedEngine();

// web-test-runner stops on an uncaught exception (an unhandled rejection too) and prints why through its own,
// buffered console, which a stop can leave unprinted: the CI log then ends in "Running tests..." with no cause.
process.on('uncaughtException', (error) =>
  runnerNote(`uncaught exception, the runner stops: ${error?.stack ?? error}`),
);

export default {
  files: filesFor(engine, ['packages/*/src/**/*.browser.test.ts', 'test/browser/**/*.browser.test.ts']),
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  // Hang guards, not speed limits (speed is the bench's): at load 20 on 2 cores a decode file took over 300 s.
  testsFinishTimeout: 900_000,
  // WebKit may open a page twice (test/support/engines.mjs, startSession): 45 s, a new browser, 45 s.
  browserStartTimeout: 150_000,
  // A test's guard is for a hang: at load 30 (two busy loops and more) a wasm fallback test took over 30 s in Firefox.
  testFramework: { config: { timeout: 120_000 } },
  // The base config: the plugin reads the file as is (no `extends`), and the element's `@property` fields need its
  // `experimentalDecorators` and `useDefineForClassFields: false`, as in the published build.
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.base.json' }), ...wtrPlugins],
  middleware: [flakyModules],
  browsers: [browserFor(engine)],
  reporters: [defaultReporter(), timingReporter()],
};
