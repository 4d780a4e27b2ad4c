// The e2e run's one build of the demo box office: every file serves it read-only (`demoDir()` in
// element-harness.ts), where each file once built its own (two minified esbuild builds, 27 times a run).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain .mjs without types
import { buildDemo } from '../../scripts/start.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    demoDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kaiku-demo-'));
  await buildDemo(dir);
  project.provide('demoDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
