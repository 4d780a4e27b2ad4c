/// <reference types="vite/client" />
// Vue consumer: the element in a template, typed by `kaiku-scanner/vue` (vue-tsc), plus the shared decode checks.
import { createApp } from 'vue';
import 'kaiku-scanner';
import type {} from 'kaiku-scanner/vue';
import { acceptsCardId, decodeImage } from '@kaiku-scanner/core/decode';
import App from './App.vue';

async function decodeUrl(url: string): Promise<string | null> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const read = await decodeImage(bitmap, { accept: acceptsCardId, native: false });
  return read?.text ?? null;
}
async function decodeBlank(): Promise<string | null> {
  return (await decodeImage(new ImageData(320, 240), { native: false }))?.text ?? null;
}
Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank } });

createApp(App).mount('#app');
