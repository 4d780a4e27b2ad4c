// React 18 or 19, client-rendered or server-rendered (Next.js): the element through `kaiku-scanner/react`, which
// sets `tokenProvider` and `shows` as properties and adds the `onKaiku…` listeners after hydration.
'use client';
import type { ShowContext } from 'kaiku-scanner';
import { KaikuScanner } from 'kaiku-scanner/react';

const shows: ShowContext[] = [
  { id: 'play-1', name: 'Kevätyön uni', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 10 },
];

export function BoxOffice({ getToken }: { getToken: () => Promise<string> }) {
  return (
    <KaikuScanner
      baseUrl="https://kaikukanta.example/api/"
      venueId="venue-1"
      lang="fi"
      shows={shows}
      showId="play-1"
      tokenProvider={getToken}
      onKaikuUsageRegistered={(e) => console.log('registered', e.detail.usageId)}
    />
  );
}
