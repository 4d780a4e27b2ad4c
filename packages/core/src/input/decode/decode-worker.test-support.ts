// Worker side of decode-worker.browser.test.ts: decodeImage in a dedicated module Worker (no DOM).
import { isKaikuError } from '../../errors/kaiku-error.js';
import { decodeImage } from './decode-image.js';
import type { DecodeOptions } from './types.js';

type Job = { id: number; image: ImageData | ImageBitmap; asCanvas?: boolean; options?: DecodeOptions };
const port = self as unknown as { postMessage(message: unknown): void };

self.addEventListener('message', (event: MessageEvent<Job>) => {
  void (async () => {
    const { id, image, asCanvas, options } = event.data;
    let input: ImageData | ImageBitmap | OffscreenCanvas = image;
    if (asCanvas) {
      const canvas = new OffscreenCanvas(image.width, image.height);
      const ctx = canvas.getContext('2d')!;
      if (image instanceof ImageData) ctx.putImageData(image, 0, 0);
      else ctx.drawImage(image, 0, 0);
      input = canvas;
    }
    try {
      const read = await decodeImage(input, options);
      port.postMessage({ id, ok: true, read, hasDocument: typeof document !== 'undefined' });
    } catch (error) {
      port.postMessage({ id, ok: false, code: isKaikuError(error) ? error.code : String(error) });
    }
  })();
});
port.postMessage({ ready: true });
