import { decodeImage } from '../../../packages/core/src/input/decode/decode-image.js';
import { renderCase, type PhotoCase } from './corpus.js';

/** Decodes each generated photo: how many read right (text and format), and every wrong read by case. */
export async function rate(
  cases: PhotoCase[],
  engine: 'auto' | 'js' = 'auto',
): Promise<{ ok: number; wrong: string[] }> {
  let ok = 0;
  const wrong: string[] = [];
  for (const c of cases) {
    const read = await decodeImage(renderCase(c), { engine });
    if (read?.text === c.text && read.format === c.side) ok++;
    else if (read !== null) wrong.push(`${c.id}: ${read.text}`);
  }
  return { ok, wrong };
}
