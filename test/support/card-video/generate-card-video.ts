// Writes a YUV4MPEG2 (.y4m) video of a card for Chromium's fake capture device
// (`--use-file-for-fake-video-capture=FILE.y4m`). Generated into .cache/ at test time; never committed.
import { createHash } from 'node:crypto';
import { mkdirSync, openSync, writeSync, closeSync, renameSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSymbol, type CardSymbol } from './render-symbol.js';
import { createRandom } from '../card-photos/prng.js';
import { renderCardFace, renderFrame } from './render-card-frame.js';

/** One stretch of the video: a card (or, with `symbol: null`, the empty desk) for a number of frames. */
export type CardScene = {
  readonly symbol: CardSymbol | null;
  readonly text?: string;
  readonly frames: number;
  /** Card pixels per barcode module before the camera's scaling. */
  readonly modulePx?: number;
};

export type CardVideoOptions = {
  /** `null` renders an empty desk (a negative video). Ignored when `scenes` is given. */
  readonly symbol?: CardSymbol | null;
  readonly text?: string;
  /** Cards shown one after another (the file loops: Chromium replays it from the start when it ends). */
  readonly scenes?: readonly CardScene[];
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** Frames in the loop, for a single-card video. */
  readonly frames?: number;
  readonly modulePx?: number;
  readonly seed?: number;
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cardVideoCacheDir = join(repoRoot, '.cache', 'card-video');

/** Returns the path of the .y4m file, generating it on first use. */
export function generateCardVideo(options: CardVideoOptions): string {
  const o = { width: 640, height: 480, fps: 15, seed: 1, ...options };
  const scenes: readonly CardScene[] = options.scenes ?? [
    {
      symbol: options.symbol ?? null,
      text: options.text,
      frames: options.frames ?? 30,
      modulePx: options.modulePx,
    },
  ];
  const key = createHash('sha256').update(JSON.stringify({ o, scenes })).digest('hex').slice(0, 16);
  const name = scenes.map((scene) => scene.symbol ?? 'none').join('+');
  const file = join(cardVideoCacheDir, `${name}-${key}.y4m`);
  if (existsSync(file)) return file;
  mkdirSync(cardVideoCacheDir, { recursive: true });

  const random = createRandom(o.seed).next;
  const chroma = Buffer.alloc((o.width >> 1) * (o.height >> 1), 128);
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    // C420jpeg: 4:2:0 chroma, full-range luma, the layout Chromium's file capture reads.
    writeSync(fd, `YUV4MPEG2 W${o.width} H${o.height} F${o.fps}:1 Ip A1:1 C420jpeg\n`);
    for (const scene of scenes) {
      const modulePx = scene.modulePx ?? (scene.symbol === 'code_39' ? 2 : 6);
      const card = scene.symbol
        ? renderCardFace(renderSymbol(scene.symbol, scene.text ?? ''), modulePx)
        : null;
      const fit = card ? Math.min((o.width * 0.72) / card.width, (o.height * 0.72) / card.height) : 1;
      for (let i = 0; i < scene.frames; i += 1) {
        const t = (2 * Math.PI * i) / scene.frames;
        const pose = {
          cx: o.width / 2 + 9 * Math.sin(t),
          cy: o.height / 2 + 6 * Math.sin(2 * t + 1),
          angle: (2.5 * Math.PI * Math.sin(t + 0.5)) / 180,
          scale: fit * (1 + 0.03 * Math.sin(t)),
        };
        const frame = renderFrame(card, pose, o.width, o.height, random);
        writeSync(fd, 'FRAME\n');
        writeSync(fd, frame.luma);
        writeSync(fd, chroma);
        writeSync(fd, chroma);
      }
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  return file;
}
