import { expect } from '@esm-bundle/chai';
import { parseCardId } from '../../card-id/parse-card-id.js';
import { decodeImage } from './decode-image.js';

type Fixture = { file: string; text: string; format: 'qr_code' | 'code_39'; condition: string };

// Real image files (test/fixtures/cards/manifest.json lists them with the expected text): decoded from a Blob
// through createImageBitmap, as a host app does with an uploaded photo.
const base = new URL('/test/fixtures/cards/', location.origin);

async function bitmapOf(file: string): Promise<ImageBitmap> {
  const response = await fetch(new URL(file, base));
  expect(response.ok, file).to.equal(true);
  return createImageBitmap(await response.blob());
}

describe('decodeImage on card photo fixtures', () => {
  let fixtures: Fixture[] = [];
  before(async () => {
    fixtures = (await (await fetch(new URL('manifest.json', base))).json()) as Fixture[];
  });

  it('has fixtures of both formats', () => {
    expect(new Set(fixtures.map((f) => f.format))).to.deep.equal(new Set(['qr_code', 'code_39']));
  });

  it('reads every fixture to its expected text and format, which parseCardId accepts', async () => {
    const misses: string[] = [];
    for (const fixture of fixtures) {
      const read = await decodeImage(await bitmapOf(fixture.file));
      if (read?.text !== fixture.text || read.format !== fixture.format)
        misses.push(`${fixture.file}: ${read?.text}`);
      expect(parseCardId(fixture.text).ok).to.equal(true);
    }
    expect(misses).to.deep.equal([]);
  });

  it('reads them in thorough mode too, and never returns another text', async () => {
    for (const fixture of fixtures) {
      const read = await decodeImage(await bitmapOf(fixture.file), { effort: 'thorough' });
      expect(read?.text, fixture.file).to.equal(fixture.text);
    }
  });
});
