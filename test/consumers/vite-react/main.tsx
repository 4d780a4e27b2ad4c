// React consumer: the element in JSX with its attributes (typed by the package), plus the shared decode checks.
import { createRoot } from 'react-dom/client';
import 'kaiku-scanner';
import type {} from 'kaiku-scanner/react';
import { acceptsCardId, decodeImage } from '@kaiku-scanner/core/decode';

const api = new URLSearchParams(location.search).get('api') ?? '';

function App() {
  return (
    <kaiku-scanner
      lang="en"
      base-url={api}
      venue-id="teatteri-hilla"
      show-id="consumer-test"
      show-name="Consumer test"
      show-start="2030-05-01T19:00:00+03:00"
      show-kind="show"
    ></kaiku-scanner>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);

async function decodeUrl(url: string): Promise<string | null> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  const read = await decodeImage(bitmap, { accept: acceptsCardId, native: false });
  return read?.text ?? null;
}
async function decodeBlank(): Promise<string | null> {
  return (await decodeImage(new ImageData(320, 240), { native: false }))?.text ?? null;
}
Object.assign(globalThis, { consumer: { decodeUrl, decodeBlank } });
