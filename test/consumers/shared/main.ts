// The consumer page: what a vendor's developer writes after `npm install kaiku-scanner` (docs/element.md). Built
// by every bundler in test/consumers, then driven in Chromium by scripts/test-consumers.mjs.
import 'kaiku-scanner';
import type { ShowContext } from 'kaiku-scanner';
import { acceptsCardId, decodeImage, getDecoderStatus } from '@kaiku-scanner/core/decode';

// The Kaikukanta API, the venue and its shows, replaced at build time by each bundler's `define` (esbuild,
// rollup-plugin-esbuild, Vite) or `EnvironmentPlugin` (webpack); docs/quick-start.md.
declare const process: { env: Record<'KAIKU_API' | 'KAIKU_TOKEN' | 'KAIKU_VENUE' | 'KAIKU_SHOWS', string> };
const token = process.env.KAIKU_TOKEN;
const shows = JSON.parse(process.env.KAIKU_SHOWS) as ShowContext[];

const scanner = document.createElement('kaiku-scanner');
scanner.setAttribute('lang', 'en');
scanner.setAttribute('base-url', process.env.KAIKU_API);
scanner.setAttribute('venue-id', process.env.KAIKU_VENUE);
scanner.shows = shows;
scanner.setAttribute('show-id', shows[0]?.id ?? '');
// A real page asks its own backend for the token here; the token never goes into an attribute or storage.
scanner.tokenProvider = () => token;
document.body.append(scanner);
// What the element read and registered, and any error code it reported (codes only: nothing else is collected).
const seen = { scans: [] as string[], errors: [] as string[], registered: [] as string[] };
scanner.addEventListener('kaiku-scan', (e) => seen.scans.push(`${e.detail.source}:${e.detail.cardId}`));
scanner.addEventListener('kaiku-error', (e) => seen.errors.push(e.detail.code));
scanner.addEventListener('kaiku-usage-registered', (e) => seen.registered.push(e.detail.usageId));

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

Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank, seen, decoderStatus: getDecoderStatus } });
