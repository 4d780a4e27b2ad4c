// Browser side of bench/camera-frame.bench.ts: what one camera frame costs to become the RGBA pixels a decoder
// reads, by the SDK's path and by the pattern its peers use, on the frames of Chromium's fake camera.
import { readFramePixels, readPixels } from '../../../packages/core/src/input/decode/read-pixels.js';

export type FrameReadTimes = Record<string, { page: number[]; decoder: number[]; total: number[] }>;

async function run(frames: number): Promise<{ size: string; format: string | null; times: FrameReadTimes }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  await video.play();
  while (video.videoWidth === 0) await new Promise((r) => setTimeout(r, 10));
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const times: FrameReadTimes = {};
  const note = (name: string, page: number, decoder: number): void => {
    const t = (times[name] ??= { page: [], decoder: [], total: [] });
    t.page.push(page);
    t.decoder.push(decoder);
    t.total.push(page + decoder);
  };
  const variants: Record<string, () => Promise<void>> = {
    // The frame loop now: the video's own frame (no copy on the page), converted once by copyTo in the decoder.
    'kaiku: VideoFrame → copyTo': async () => {
      let t = performance.now();
      const frame = new VideoFrame(video);
      const page = performance.now() - t;
      t = performance.now();
      await readFramePixels(frame, undefined);
      const decoder = performance.now() - t;
      frame.close();
      note('kaiku: VideoFrame → copyTo', page, decoder);
    },
    // The frame loop before: an ImageBitmap copied on the page, drawn over white and read back in the decoder.
    'kaiku before: ImageBitmap → canvas': async () => {
      let t = performance.now();
      const bitmap = await createImageBitmap(video);
      const page = performance.now() - t;
      t = performance.now();
      readPixels(bitmap, undefined);
      const decoder = performance.now() - t;
      bitmap.close();
      note('kaiku before: ImageBitmap → canvas', page, decoder);
    },
    // html5-qrcode, @zxing/browser, jsQR's demo: draw the video on a canvas and read it back, all on the page.
    'peers: drawImage(video) → getImageData': async () => {
      const t = performance.now();
      context.drawImage(video, 0, 0);
      context.getImageData(0, 0, canvas.width, canvas.height);
      note('peers: drawImage(video) → getImageData', performance.now() - t, 0);
    },
  };
  const names = Object.keys(variants);
  const probe = new VideoFrame(video);
  const format = probe.format;
  probe.close();
  for (let i = 0; i < frames; i++) {
    // A new camera frame for each round, the variants in a rotating order.
    await new Promise((r) => setTimeout(r, 40));
    for (let k = 0; k < names.length; k++) await variants[names[(i + k) % names.length]!]!();
  }
  for (const track of stream.getTracks()) track.stop();
  return { size: `${video.videoWidth}×${video.videoHeight}`, format, times };
}

(globalThis as unknown as { frameRead: { run: typeof run } }).frameRead = { run };
