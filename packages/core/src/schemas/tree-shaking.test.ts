import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Bundles `contents` (resolved in this folder) as one ESM file, zod left external. */
async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'ts' },
    bundle: true,
    format: 'esm',
    write: false,
    external: ['zod', 'zod/*'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

describe('schema modules in a merged build (as in the published dist, where rollup joins the modules)', () => {
  it('let a bundler drop every schema its consumer does not use', async () => {
    // Step 1: every schema in one file, the way the library build ships them.
    const merged = await bundle(
      [
        "export * from './api.js';",
        "export * from './show-config.js';",
        "export * from './usage-input.js';",
      ].join('\n'),
    );
    expect(merged).toContain('discriminatedUnion');
    // Step 2: a consumer of that one file using a single small schema.
    const consumer = await bundle(
      `${merged}\n;(globalThis as { p?: unknown }).p = CalendarDateSchema;`.replace(
        /^export \{[^}]*\};?$/m,
        '',
      ),
    );
    // Imports of the external zod stay (a bundler keeps them for their own side effects); the code must not.
    const code = consumer.replace(/^import .*;$/gm, '');
    for (const unused of [
      'discriminatedUnion',
      'looseObject',
      'record',
      '_coercedNumber',
      'union',
      '_default',
    ])
      expect(code, unused).not.toMatch(new RegExp(`\\b${unused}\\b`));
    expect(code).toMatch(/\bCalendarDateSchema = .*pure\(\(\) => isoDate\(\)\)/);
    expect(code.match(/\b\w+Schema = /g)).toEqual(['CalendarDateSchema = ']);
  });
});
