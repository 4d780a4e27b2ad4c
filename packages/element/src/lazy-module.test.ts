import { describe, expect, it } from 'vitest';
import { LOAD_FAILED, lazyModule } from './lazy-module.js';

describe('lazyModule', () => {
  it('starts the import on the first load, shares it, and holds the module once loaded', async () => {
    let calls = 0;
    const mod = lazyModule(async () => {
      calls++;
      return { answer: 42 };
    });
    expect(mod.get()).toBeUndefined();
    expect(calls).toBe(0);
    const [a, b] = await Promise.all([mod.load(), mod.load()]);
    expect(calls).toBe(1);
    expect(a).toBe(b);
    expect(mod.get()).toEqual({ answer: 42 });
    await mod.load();
    expect(calls).toBe(1);
  });

  it('turns a failed import into element-load-failed and tries again on the next call', async () => {
    let calls = 0;
    const network = new TypeError('Failed to fetch dynamically imported module');
    const mod = lazyModule(async () => {
      calls++;
      if (calls === 1) throw network;
      return 'loaded';
    });
    const error = await mod.load().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: LOAD_FAILED, cause: network });
    expect(mod.get()).toBeUndefined();
    await expect(mod.load()).resolves.toBe('loaded');
    expect(calls).toBe(2);
    expect(mod.get()).toBe('loaded');
  });
});
