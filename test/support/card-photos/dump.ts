// Writes the generated corpus as PNG files into .cache/card-photos/png/ for a look at it.
// Usage: node --import tsx --conditions=source test/support/card-photos/dump.ts [seed] [perCell]
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHarness } from './harness.js';
import type { CardPhotosApi } from './bench-page.js';

const seed = Number(process.argv[2] ?? 1);
const perCell = Number(process.argv[3] ?? 1);
const out = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../.cache/card-photos/png');
await mkdir(out, { recursive: true });
const harness = await openHarness();
try {
  const cases = await harness.page.evaluate(
    ([s, n]) =>
      (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.listCases({ seed: s, perCell: n }),
    [seed, perCell] as const,
  );
  for (const c of cases) {
    const png = await harness.page.evaluate(
      (one) => (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.renderPng(one),
      c,
    );
    await writeFile(join(out, `${c.id}-${c.text}.png`), Buffer.from(png, 'base64'));
  }
  process.stdout.write(`${cases.length} photos in ${out}\n`);
} finally {
  await harness.close();
}
