// The consumer page: what a vendor's developer writes after `npm install kaiku-scanner` (docs/element.md). Built
// by every bundler in test/consumers, then driven in Chromium by scripts/test-consumers.mjs.
import 'kaiku-scanner';
import { acceptsCardId, decodeImage, getDecoderStatus } from '@kaiku-scanner/core/decode';

const params = new URLSearchParams(location.search);
const scanner = document.createElement('kaiku-scanner');
scanner.setAttribute('lang', 'en');
scanner.setAttribute('base-url', params.get('api') ?? '');
scanner.setAttribute('venue-id', 'teatteri-hilla');
scanner.setAttribute('show-id', 'consumer-test');
scanner.setAttribute('show-name', 'Consumer test');
scanner.setAttribute('show-start', '2030-05-01T19:00:00+03:00');
scanner.setAttribute('show-kind', 'show');
document.body.append(scanner);
// What the camera read, and any error code the element reported (codes only: nothing else is collected).
const camera = { scans: [] as string[], errors: [] as string[] };
scanner.addEventListener('kaiku-scan', (e) => camera.scans.push(`${e.detail.source}:${e.detail.cardId}`));
scanner.addEventListener('kaiku-error', (e) => camera.errors.push(e.detail.code));

/** Reads an image URL with the decoder the camera uses (the card filter on, the browser's own detector off). */
async function decodeUrl(url: string): Promise<string | null> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const read = await decodeImage(bitmap, { accept: acceptsCardId, native: false });
  return read?.text ?? null;
}

/** A blank frame: nothing to read is `null`, never an error. */
async function decodeBlank(): Promise<string | null> {
  const read = await decodeImage(new ImageData(320, 240), { native: false });
  return read?.text ?? null;
}

Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank, camera, decoderStatus: getDecoderStatus } });
