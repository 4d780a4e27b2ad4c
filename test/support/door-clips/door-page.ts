// The door bench's page: renders clip frames (the card-photo generator, phones from phone-frame.ts) and runs the
// camera loops on Chromium's fake camera — the SDK's startCameraScan as a box office runs it, html5-qrcode's
// camera scanner, and zxing-wasm in a plain frame loop — recording every read with its time.
import { Html5Qrcode, Html5QrcodeSupportedFormats } from 'html5-qrcode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { composePhoto, type Effects, type Pose } from '../card-photos/compose-photo.js';
import { createRandom } from '../card-photos/prng.js';
import { PHONE_ASPECT, PHONE_QR_CENTRE } from '../card-photos/render-card.js';
import { startCameraScan } from '../../../packages/core/src/input/camera/index.js';
import { CLIP, type DoorClip } from './clips.js';

export type LoopName = 'kaiku' | 'html5-qrcode' | 'zxing-wasm';
export type LoopRun = {
  /** `performance.now()` when the camera stream was handed over (the clip's first frame). */
  readonly origin: number;
  readonly reads: { readonly text: string; readonly at: number }[];
  readonly rejected: number;
  readonly frames: number;
  /** When each decoded frame's result came back (`performance.now()`; the product's sampled every 5 ms). */
  readonly decodedAt?: number[];
  /** Each decoded frame's time from its grab to its answer (ms; the product's `stats.lastDecodeMs`, sampled). */
  readonly decodeMs?: number[];
  /** The product's budget for this device (`CameraBudget`), as chosen in its first second. */
  readonly budget?: string;
  /** The browser's CPU time while the loop ran, every process (ms; filled in by the harness). */
  readonly cpuMs?: number;
};

const DISTANCE = { near: 0.72, mid: 0.52, far: 0.36 } as const;
const PHONE_HEIGHT = { near: 1.05, mid: 0.8, far: 0.58 } as const;
const LIGHT: Record<DoorClip['light'], Omit<Effects, 'negative'>> = {
  office: { blur: 0.6, noise: 4, light: 1, glare: 0 },
  dim: { blur: 0.9, noise: 10, light: 0.42, glare: 0 },
  glare: { blur: 0.6, noise: 4, light: 1.05, glare: 0.85 },
};

/** Frame `i` of a clip as grey levels (Y of the y4m file), base64. */
function renderFrame(clip: DoorClip, i: number): string {
  const size = { width: CLIP.width, height: CLIP.height };
  // The card comes in from the left over `entryFrames`, then is held, swaying a little; the desk stays the same.
  const t = Math.min(1, Math.max(0, (i - CLIP.emptyFrames) / CLIP.entryFrames));
  const sway = Math.sin((2 * Math.PI * i) / 11);
  const shown = clip.kind !== 'empty' && i >= CLIP.emptyFrames;
  const x = -0.35 + (0.5 + 0.04 * sway + 0.35) * (1 - (1 - t) ** 2);
  const y = 0.5 + 0.02 * Math.cos((2 * Math.PI * i) / 13);
  const tilted = clip.angle === 'tilted';
  const phone = clip.kind === 'phone';
  const dim = clip.light === 'dim';
  const pose: Pose = {
    // A phone is as tall as the card row says (portrait: its width is its height × PHONE_ASPECT).
    scale: !shown
      ? 0
      : phone
        ? (PHONE_HEIGHT[clip.distance] * size.height * PHONE_ASPECT) / size.width
        : DISTANCE[clip.distance],
    roll: (tilted ? 22 : 4) + 1.5 * sway,
    yaw: tilted ? 28 : 3,
    pitch: tilted ? -18 : 2,
    // Nothing to aim without a card (a degenerate quad); a phone by its QR code.
    ...(shown ? { aim: { u: 0.5, v: phone ? PHONE_QR_CENTRE.y : 0.5, x, y } } : {}),
  };
  // Mobile cards on the shared phone renderer (render-card.ts): Z cards in the app's dark theme (an inverted
  // symbol); in a dim room the camera exposes for the room and the screen blows out.
  const screen = { light: dim ? 1.6 : 0.9, inverted: clip.text.startsWith('Z'), pitch: 3, reflection: 0.2 };
  const effects: Effects = { ...LIGHT[clip.light], negative: false, ...(phone ? { screen } : {}) };
  const image = composePhoto(
    clip.kind === 'code39' ? 'code_39' : 'qr_code',
    clip.text || 'A000000000',
    size,
    pose,
    effects,
    createRandom(clip.seed),
  );
  const luma = new Uint8Array(size.width * size.height);
  const d = image.data;
  for (let p = 0, q = 0; p < luma.length; p++, q += 4)
    luma[p] = (d[q]! * 77 + d[q + 1]! * 150 + d[q + 2]! * 29) >> 8;
  let binary = '';
  for (let k = 0; k < luma.length; k += 0x8000)
    binary += String.fromCharCode(...luma.subarray(k, k + 0x8000));
  return btoa(binary);
}

let streamAt = 0;
const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getUserMedia = async (constraints) => {
  const stream = await gum(constraints);
  streamAt = performance.now();
  return stream;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function runKaiku(windowMs: number, extra: { minIntervalMs?: number } = {}): Promise<LoopRun> {
  const reads: { text: string; at: number }[] = [];
  let rejected = 0;
  let said: string | undefined;
  const video = document.body.appendChild(document.createElement('video'));
  const options = {
    video,
    workerUrl: '/decode-worker.js',
    onScan: (s: { id: string; at: number }) => reads.push({ text: s.id, at: s.at }),
    onReject: () => (rejected += 1),
    ...extra,
  };
  // An SDK from before the budget (bench/first-frame.ts's old copy) refuses the option by name: started without it.
  const scan = await startCameraScan({
    ...options,
    onBudget: (b) => (said = `${b.mode} ${b.decoded}/${b.presented} ${b.decodeMs}ms`),
  }).catch((e: unknown) => {
    if ((e as { code?: string }).code !== 'unknown-field') throw e;
    return startCameraScan(options);
  });
  const decodedAt: number[] = [];
  const decodeMs: number[] = [];
  const poll = setInterval(() => {
    if (decodedAt.length < scan.stats.framesDecoded) decodeMs.push(scan.stats.lastDecodeMs);
    while (decodedAt.length < scan.stats.framesDecoded) decodedAt.push(performance.now());
  }, 5);
  await sleep(windowMs - (performance.now() - streamAt));
  clearInterval(poll);
  const { framesDecoded: frames, budget } = scan.stats;
  said ??= budget;
  scan.stop();
  video.remove();
  return { origin: streamAt, reads, rejected, frames, decodedAt, decodeMs, budget: said };
}

async function runHtml5Qrcode(windowMs: number): Promise<LoopRun> {
  const reads: { text: string; at: number }[] = [];
  const box = document.body.appendChild(document.createElement('div'));
  box.id = 'h5';
  const { QR_CODE, CODE_39 } = Html5QrcodeSupportedFormats;
  const scanner = new Html5Qrcode('h5', { formatsToSupport: [QR_CODE, CODE_39], verbose: false });
  let frames = 0;
  await scanner.start(
    { facingMode: 'environment' },
    // Its documented example's rate; the default (2 fps) would only make it slower.
    { fps: 10 },
    (text) => reads.push({ text, at: performance.now() }),
    () => (frames += 1),
  );
  await sleep(windowMs - (performance.now() - streamAt));
  await scanner.stop();
  scanner.clear();
  box.remove();
  return { origin: streamAt, reads, rejected: 0, frames: frames + reads.length };
}

/** zxing-wasm as the simplest integration does it: each new frame drawn on a canvas and read on the page. */
async function runZxingWasm(windowMs: number): Promise<LoopRun> {
  prepareZXingModule({ overrides: { locateFile: () => '/zxing_reader_peer.wasm' } });
  const reads: { text: string; at: number }[] = [];
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { facingMode: 'environment', width: 1280, height: 720 },
  });
  const video = document.body.appendChild(document.createElement('video'));
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const until = streamAt + windowMs;
  let frames = 0;
  const decodedAt: number[] = [];
  const decodeMs: number[] = [];
  while (performance.now() < until) {
    await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
    const grabbed = performance.now();
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    ctx.drawImage(video, 0, 0);
    const results = await readBarcodes(ctx.getImageData(0, 0, canvas.width, canvas.height), {
      formats: ['QRCode', 'Code39'],
      tryHarder: true,
      maxNumberOfSymbols: 1,
    });
    frames += 1;
    decodedAt.push(performance.now());
    decodeMs.push(performance.now() - grabbed);
    for (const r of results) if (r.isValid) reads.push({ text: r.text, at: performance.now() });
  }
  stream.getTracks().forEach((track) => track.stop());
  video.remove();
  return { origin: streamAt, reads, rejected: 0, frames, decodedAt, decodeMs };
}

/** Runs a loop for `windowMs`; `hogs` busy-loop workers spin beside it all the while (a load spike). */
async function run(loop: LoopName, windowMs: number, hogs = 0): Promise<LoopRun> {
  const spin = URL.createObjectURL(new Blob(['for (;;);'], { type: 'text/javascript' }));
  const spinning = Array.from({ length: hogs }, () => new Worker(spin));
  try {
    return await (loop === 'kaiku'
      ? runKaiku(windowMs)
      : loop === 'html5-qrcode'
        ? runHtml5Qrcode(windowMs)
        : runZxingWasm(windowMs));
  } finally {
    spinning.forEach((w) => w.terminate());
    URL.revokeObjectURL(spin);
  }
}

/** The soak: one scan for `ms`, at 10 frames a second; samples of decode time and reads every `everyMs`. */
async function soak(
  ms: number,
  everyMs: number,
): Promise<{ at: number; frames: number; decodeMs: number; reads: number; heap: number }[]> {
  const samples: { at: number; frames: number; decodeMs: number; reads: number; heap: number }[] = [];
  let reads = 0;
  const video = document.body.appendChild(document.createElement('video'));
  const scan = await startCameraScan({
    video,
    workerUrl: '/decode-worker.js',
    minIntervalMs: 100,
    // Every sighting counts: a card shown again after the clip's empty stretch is a read again (2 s < 3 s: never).
    onScan: () => (reads += 1),
  });
  const start = performance.now();
  const decode: number[] = [];
  let next = start + everyMs;
  while (performance.now() - start < ms) {
    await sleep(200);
    decode.push(scan.stats.lastDecodeMs);
    if (performance.now() < next) continue;
    next += everyMs;
    decode.sort((a, b) => a - b);
    const heap =
      (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    samples.push({
      at: performance.now() - start,
      frames: scan.stats.framesDecoded,
      decodeMs: decode[decode.length >> 1] ?? 0,
      reads,
      heap,
    });
    decode.length = 0;
  }
  scan.stop();
  return samples;
}

(globalThis as unknown as { door: unknown }).door = { renderFrame, run, soak };
