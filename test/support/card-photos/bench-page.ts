// Browser entry of the decode benchmark and the corpus dump: exposes `window.cardPhotos`.
import { ablate } from './ablation.js';
import { listCases, renderCase } from './corpus.js';
import { measureLoop } from './loop.js';
import type { PhotoCase } from './corpus.js';
import { frameWithoutCard } from './frame-without-card.js';
import { createPeers } from './peers.js';
import { listUnseenCases, renderUnseen } from './unseen.js';
import type { PeerDecoder } from './peers.js';
import type { UnseenCase } from './unseen.js';

export type Measurement = {
  readonly decoder: string;
  readonly caseId: string;
  readonly side: string;
  readonly condition: string;
  readonly size: string;
  readonly expected: string;
  readonly got: string | null;
  readonly ms: number;
  /** Another barcode's text in the frame (held-out `other_barcode` frames). */
  readonly other?: string;
};

type MeasureOptions = { wasmUrl: string; decoders?: string[]; warmup?: number };

/**
 * Decodes every case with every peer that reads its side and times each call. `render` draws a case's frame (the
 * held-out set renders asynchronously); a decoder's warm-up (lazy imports, wasm instantiation, JIT) runs on a few
 * frames outside the measurement.
 */
/** What measureCases reads of a case: both case sets have it. */
type MeasuredCase = Omit<PhotoCase, 'condition' | 'seed'> & {
  readonly condition: string;
  readonly other?: string;
};

async function measureCases<C extends MeasuredCase>(
  cases: C[],
  render: (c: C) => ImageData | Promise<ImageData>,
  options: MeasureOptions,
): Promise<Measurement[]> {
  const peers = createPeers(options.wasmUrl, options.decoders);
  for (const c of cases.slice(0, options.warmup ?? 4)) {
    const image = await render(c);
    for (const peer of peers) await peer.decode(image, peer.prepare?.(image));
  }
  const out: Measurement[] = [];
  for (const [index, c] of cases.entries()) {
    const image = await render(c);
    // Each case starts with the next decoder: the first after a render pays for its garbage and a cold cache, and a
    // fixed order would give that cost to the same decoder every time.
    for (const peer of rotated(peers, index)) {
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
        ...(c.other === undefined ? {} : { other: c.other }),
      });
    }
  }
  return out;
}

const measure = (cases: PhotoCase[], options: MeasureOptions): Promise<Measurement[]> =>
  measureCases(cases, renderCase, options);

/** The held-out set (unseen.ts): the same measurement, frames rendered (asynchronously) one at a time. */
const measureUnseen = (cases: UnseenCase[], options: MeasureOptions): Promise<Measurement[]> =>
  measureCases(cases, renderUnseen, options);

/** The list starting at its `k`-th item (modulo its length), then the items before it. */
function rotated<T>(list: readonly T[], k: number): T[] {
  const at = list.length === 0 ? 0 : k % list.length;
  return [...list.slice(at), ...list.slice(0, at)];
}

/** Decode time and false reads on frames with no card at all (table, papers, text, noise). */
async function measureEmpty(options: {
  wasmUrl: string;
  decoders?: string[];
  seed: number;
  count: number;
}): Promise<Measurement[]> {
  const peers = createPeers(options.wasmUrl, options.decoders);
  const out: Measurement[] = [];
  for (let k = 0; k < options.count; k++) {
    const image = frameWithoutCard(options.seed, k, false);
    for (const peer of rotated(peers, k)) {
      const prepared = peer.prepare?.(image);
      const start = performance.now();
      const read = await peer.decode(image, prepared);
      out.push({
        decoder: peer.name,
        caseId: `empty-${k}`,
        side: 'none',
        condition: 'no_card',
        size: `${image.width}x${image.height}`,
        expected: '',
        got: read?.text ?? null,
        ms: performance.now() - start,
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

async function renderUnseenPng(c: UnseenCase): Promise<string> {
  const image = await renderUnseen(c);
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// The work bench (decode-work.bench.ts) renders a frame in one call and decodes it in the next, so that the
// coverage counters it reads between the two calls hold the decoding only.
let stagedFrame: ImageData | null = null;
let stagedPeers: { key: string; peers: PeerDecoder[] } | null = null;

function stageEmpty(options: { seed: number; k: number; ticket: boolean }): string {
  stagedFrame = frameWithoutCard(options.seed, options.k, options.ticket);
  return `${stagedFrame.width}x${stagedFrame.height}`;
}

async function stageUnseen(c: UnseenCase): Promise<string> {
  stagedFrame = await renderUnseen(c);
  return `${stagedFrame.width}x${stagedFrame.height}`;
}

async function decodeStaged(options: { wasmUrl: string; decoder: string }): Promise<string | null> {
  if (stagedFrame === null) throw new Error('no staged frame');
  const key = `${options.wasmUrl}|${options.decoder}`;
  if (stagedPeers?.key !== key) stagedPeers = { key, peers: createPeers(options.wasmUrl, [options.decoder]) };
  const peer = stagedPeers.peers[0];
  if (peer === undefined) throw new Error(`unknown decoder ${options.decoder}`);
  const read = await peer.decode(stagedFrame, peer.prepare?.(stagedFrame));
  return read?.text ?? null;
}

const api = {
  ablate,
  listCases,
  stageEmpty,
  stageUnseen,
  decodeStaged,
  measure,
  measureEmpty,
  measureLoop,
  renderPng,
  listUnseenCases,
  measureUnseen,
  renderUnseenPng,
};
export type CardPhotosApi = typeof api;
(globalThis as { cardPhotos?: CardPhotosApi }).cardPhotos = api;
