// The real sandbox (or a patched copy of it) that each broken or awkward server wraps.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');
const SRC = join(ROOT, 'packages/sandbox/src');

/** Tokens the wrapped sandbox binds to venues; the runner passes them to the kit. */
export const VENUE = 'teatteri-hilla';
export const OTHER_VENUE = 'kulttuuritalo-kaiku';
export const TOKENS = {
  token: 'bench-hilla-token',
  secondToken: 'bench-hilla-token-2',
  otherToken: 'bench-kaiku-token',
};
const venueTokens = {
  [TOKENS.token]: VENUE,
  [TOKENS.secondToken]: VENUE,
  [TOKENS.otherToken]: OTHER_VENUE,
};

/**
 * Copies the sandbox's runtime sources (no tests, nothing else) out of the repository (so no linter sees them) and
 * applies text patches; a `node_modules` link resolves the packages as in the repository.
 */
function patchedCopy(name, patches) {
  // One folder per checkout: its `node_modules` link is that checkout's (worktrees come and go).
  const home = join(tmpdir(), `kaiku-broken-servers-${process.getuid?.() ?? 0}-${basename(ROOT)}`);
  const dest = join(home, name, 'src');
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  if (!existsSync(join(home, 'node_modules')))
    symlinkSync(join(ROOT, 'node_modules'), join(home, 'node_modules'));
  for (const part of ['start-sandbox.ts', 'clock.ts', 'http', 'usage', 'db', 'seed']) {
    cpSync(join(SRC, part), join(dest, part), {
      recursive: true,
      filter: (p) => !/\.test\.ts$|test-support/.test(p),
    });
  }
  for (const { file, from, to } of patches) {
    const path = join(dest, file);
    const text = readFileSync(path, 'utf8');
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`patch for ${name}: ${file} holds ${n} copies of ${JSON.stringify(from)}`);
    writeFileSync(
      path,
      text.replace(from, () => to),
    );
  }
  return join(dest, 'start-sandbox.ts');
}

/**
 * Starts the sandbox (seeded, in memory, venue-bound tokens) on `port` (0 = any). `patches` (text replacements in
 * the sandbox's own sources) make a patched copy: a vendor's server that got one route's logic wrong.
 */
export async function startBase({ port = 0, patches, name = 'base', options = {} } = {}) {
  const entry = patches?.length ? patchedCopy(name, patches) : join(SRC, 'start-sandbox.ts');
  const { startSandbox } = await import(pathToFileURL(entry).href);
  const sandbox = await startSandbox({ port, memory: true, seed: true, venueTokens, ...options });
  return { baseUrl: sandbox.url, tokens: TOKENS, stop: () => sandbox.close() };
}
