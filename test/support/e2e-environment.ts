// The e2e tests' vitest environment: Node's, and when the worker stops, what its files shared is closed
// (e2e-shared.ts: the browsers, the demo servers and proxies, the sandbox process).
import { builtinEnvironments, type Environment } from 'vitest/runtime';

export default {
  name: 'kaiku-e2e',
  viteEnvironment: 'ssr',
  async setup(global, options) {
    const node = await builtinEnvironments.node.setup(global, options);
    return {
      async teardown(global) {
        const closeShared = (global as Record<symbol, (() => Promise<void>) | undefined>)[
          Symbol.for('kaiku.e2e.closeShared')
        ];
        await closeShared?.();
        await node.teardown(global);
      },
    };
  },
} satisfies Environment;
