/// <reference types="vite/client" />
// React consumer (client-rendered, StrictMode): the element through `kaiku-scanner/react`, typed by the package,
// plus the shared decode checks. The API, token, venue and shows: Vite's `import.meta.env.VITE_KAIKU_…`.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ShowContext } from 'kaiku-scanner';
import { KaikuScanner } from 'kaiku-scanner/react';
import { acceptsCardId, decodeImage } from '@kaiku-scanner/core/decode';

const env = import.meta.env;
const shows = JSON.parse(env.VITE_KAIKU_SHOWS ?? '[]') as ShowContext[];
const token = env.VITE_KAIKU_TOKEN ?? '';
// What the element read and registered, and any error code it reported (codes only).
const seen = { scans: [] as string[], errors: [] as string[], registered: [] as string[] };

function App() {
  return (
    <KaikuScanner
      lang="en"
      baseUrl={env.VITE_KAIKU_API ?? ''}
      venueId={env.VITE_KAIKU_VENUE ?? ''}
      shows={shows}
      showId={shows[0]?.id}
      tokenProvider={() => token}
      onKaikuScan={(e) => seen.scans.push(`${e.detail.source}:${e.detail.cardId}`)}
      onKaikuError={(e) => seen.errors.push(e.detail.code)}
      onKaikuUsageRegistered={(e) => seen.registered.push(e.detail.usageId)}
    />
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

async function decodeUrl(url: string): Promise<string | null> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const read = await decodeImage(bitmap, { accept: acceptsCardId, native: false });
  return read?.text ?? null;
}
async function decodeBlank(): Promise<string | null> {
  return (await decodeImage(new ImageData(320, 240), { native: false }))?.text ?? null;
}
Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank, seen } });
