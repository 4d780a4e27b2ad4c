// React consumer (client-rendered, StrictMode): the element through `kaiku-scanner/react`, typed by the package,
// plus the shared decode checks.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KaikuScanner } from 'kaiku-scanner/react';
import { acceptsCardId, decodeImage } from '@kaiku-scanner/core/decode';

const api = new URLSearchParams(location.search).get('api') ?? '';

function App() {
  return (
    <KaikuScanner
      lang="en"
      baseUrl={api}
      venueId="teatteri-hilla"
      showId="consumer-test"
      showName="Consumer test"
      showStart="2030-05-01T19:00:00+03:00"
      showKind="show"
      tokenProvider={() => 'token'}
      onKaikuError={(e) => console.info('kaiku-error', e.detail.code)}
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
Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank } });
