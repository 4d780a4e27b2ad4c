// Which browser test files each engine runs (test/support/engines.mjs): npm test runs Chromium's in two parts side by
// side, so the two parts must together be every file, once.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs without types
import { CHROMIUM_ONLY, filesFor } from '../support/engines.mjs';

const all = ['packages/*/src/**/*.browser.test.ts'];
const only: string[] = Object.keys(CHROMIUM_ONLY);
const excluded = only.map((file) => `!${file}`);

describe('filesFor', () => {
  it("splits Chromium's files into its own decode files and the files every engine runs", () => {
    expect(filesFor('chromium', all, { KAIKU_PART: 'only' })).toEqual(only);
    expect(filesFor('chromium', all, { KAIKU_PART: 'shared' })).toEqual([...all, ...excluded]);
    expect(filesFor('chromium', all, {})).toEqual(all);
  });

  it('runs the shared files in the other engines, or all of them with KAIKU_ALL_FILES=1', () => {
    expect(filesFor('firefox', all, {})).toEqual([...all, ...excluded]);
    expect(filesFor('webkit', all, { KAIKU_ALL_FILES: '1' })).toEqual(all);
  });

  it('refuses a part it does not know, or a part of another engine, naming the variable', () => {
    expect(() => filesFor('chromium', all, { KAIKU_PART: 'decode' })).toThrow(/KAIKU_PART=decode/);
    expect(() => filesFor('firefox', all, { KAIKU_PART: 'only' })).toThrow(/KAIKU_PART=only/);
  });
});
