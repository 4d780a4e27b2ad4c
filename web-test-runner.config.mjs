// Browser tests (*.browser.test.ts) in the real Chromium of the machine.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from './test/support/chromium.mjs';
import { wtrPlugins } from './test/support/wtr-plugins.mjs';

export default {
  files: ['packages/*/src/**/*.browser.test.ts', 'test/browser/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['source', 'browser', 'import', 'default'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }), ...wtrPlugins],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs.filter((a) => !a.startsWith('--headless')),
      },
    }),
  ],
};
