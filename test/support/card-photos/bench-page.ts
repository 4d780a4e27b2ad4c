// Browser entry of the decode benchmark and the corpus dump: exposes `window.cardPhotos`.
import { listCases, renderCase } from './corpus.js';
import type { PhotoCase } from './corpus.js';
import { createPeers } from './peers.js';

export type Measurement = {
  readonly decoder: string;
  readonly caseId: string;
  readonly side: string;
  readonly condition: string;
  readonly size: string;
  readonly expected: string;
  readonly got: string | null;
  readonly ms: number;
};

async function measure(
  cases: PhotoCase[],
  options: { wasmUrl: string; decoders?: string[]; warmup?: number },
): Promise<Measurement[]> {
  const peers = createPeers(options.wasmUrl, options.decoders);
  // Warm up every decoder (lazy imports, wasm instantiation, JIT) on a few frames outside the measurement.
  for (const c of cases.slice(0, options.warmup ?? 4)) {
    const image = renderCase(c);
    for (const peer of peers) await peer.decode(image, peer.prepare?.(image));
  }
  const out: Measurement[] = [];
  for (const c of cases) {
    const image = renderCase(c);
    for (const peer of peers) {
      if (!peer.formats.includes(c.side)) continue;
      const prepared = peer.prepare?.(image);
      const start = performance.now();
      const read = await peer.decode(image, prepared);
      const ms = performance.now() - start;
      out.push({
        decoder: peer.name,
        caseId: c.id,
        side: c.side,
        condition: c.condition,
        size: `${c.size.width}x${c.size.height}`,
        expected: c.text,
        got: read?.text ?? null,
        ms,
      });
    }
  }
  return out;
}

async function renderPng(c: PhotoCase, type = 'image/png', quality?: number): Promise<string> {
  const image = renderCase(c);
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob(quality === undefined ? { type } : { type, quality });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

const api = { listCases, measure, renderPng };
export type CardPhotosApi = typeof api;
(globalThis as { cardPhotos?: CardPhotosApi }).cardPhotos = api;
