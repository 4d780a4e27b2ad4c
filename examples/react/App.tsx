// React 19 renders custom elements natively: properties are set as properties, and `on<event>` props add
// listeners for custom events. Import the element once (it registers itself).
import 'kaiku-scanner';
import type { KaikuUsageRegisteredEvent, ShowContext } from 'kaiku-scanner';
import { useMemo } from 'react';

const shows: ShowContext[] = [
  { id: 'play-1', name: 'Kevätyön uni', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 10 },
];

export function BoxOffice({ getToken }: { getToken: () => Promise<string> }) {
  const tokenProvider = useMemo(() => getToken, [getToken]);
  return (
    <kaiku-scanner
      base-url="https://kaikukanta.example/api/"
      venue-id="venue-1"
      lang="fi"
      shows={shows}
      showId="play-1"
      tokenProvider={tokenProvider}
      onkaiku-usage-registered={(e: KaikuUsageRegisteredEvent) => console.log('registered', e.detail.usageId)}
    />
  );
}

// Type the tag for JSX (React 19):
declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React types JSX elements through this namespace
  namespace JSX {
    interface IntrinsicElements {
      'kaiku-scanner': React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & {
        'base-url'?: string;
        'venue-id'?: string;
        shows?: ShowContext[];
        showId?: string;
        tokenProvider?: () => Promise<string>;
        'onkaiku-usage-registered'?: (e: KaikuUsageRegisteredEvent) => void;
      };
    }
  }
}
