// Writes a few small card photos (JPEG) with their expected text to test/fixtures/cards/ (committed: the fixture test
// decodes real PNG files, as a host app would). Regenerate: node --import tsx --conditions=source <this file>
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHarness } from './harness.js';
import type { CardPhotosApi } from './bench-page.js';
import type { Condition } from './corpus.js';

const PICKS: Array<{ side: 'qr_code' | 'code_39'; condition: Condition; seed: number }> = [
  { side: 'qr_code', condition: 'perspective', seed: 101 },
  { side: 'qr_code', condition: 'negative', seed: 102 },
  { side: 'qr_code', condition: 'low_light', seed: 103 },
  { side: 'code_39', condition: 'rotation', seed: 104 },
  { side: 'code_39', condition: 'glare', seed: 105 },
  { side: 'code_39', condition: 'perspective', seed: 106 },
];

const out = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../fixtures/cards');
await mkdir(out, { recursive: true });
const harness = await openHarness();
const manifest: Array<{ file: string; text: string; format: string; condition: string }> = [];
try {
  for (const pick of PICKS) {
    const [c] = await harness.page.evaluate(
      (p) =>
        (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.listCases({
          seed: p.seed,
          perCell: 1,
          sides: [p.side],
          conditions: [p.condition],
          sizes: [{ width: 640, height: 480 }],
        }),
      pick,
    );
    if (c === undefined) throw new Error('no case');
    // JPEG as a camera or phone would save it: small files, and compression artefacts as a bonus condition.
    const jpeg = await harness.page.evaluate(
      (one) =>
        (globalThis as unknown as { cardPhotos: CardPhotosApi }).cardPhotos.renderPng(
          one,
          'image/jpeg',
          0.82,
        ),
      c,
    );
    const file = `${c.side}-${c.condition}.jpg`;
    await writeFile(join(out, file), Buffer.from(jpeg, 'base64'));
    manifest.push({ file, text: c.text, format: c.side, condition: c.condition });
  }
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  process.stdout.write(`${manifest.length} fixtures in ${out}\n`);
} finally {
  await harness.close();
}
