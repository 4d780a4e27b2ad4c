import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, it } from 'vitest';
// @ts-expect-error plain .mjs without types
import { chromiumArgs, disabledFeatures } from '../support/chromium.mjs';

// Chromium keeps the last `--disable-features`: ours comes after Playwright's, so it must repeat every feature
// Playwright turns off (some keep its route interception and storage as its tests expect).
it("keeps every feature Playwright's own launch turns off", () => {
  const bundle = path.join(
    path.dirname(createRequire(import.meta.url).resolve('playwright-core')),
    'lib/coreBundle.js',
  );
  const list = readFileSync(bundle, 'utf8').match(
    /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/,
  )?.[1];
  const theirs = [...(list ?? '').matchAll(/^\s*"([^"]+)"/gm)].map((m) => m[1]);
  expect(theirs.length).toBeGreaterThan(5);
  expect(theirs.filter((f) => !(disabledFeatures as string[]).includes(f!))).toEqual([]);
  expect((chromiumArgs as string[]).filter((a) => a.startsWith('--disable-features='))).toHaveLength(1);
});
