// A server component: the page is rendered on the server for each request with the API, venue and show it reads
// there, then hydrated; the element's properties and listeners are the client component's (scanner.tsx).
import type { ShowContext } from 'kaiku-scanner';
import { Scanner } from './scanner';

export const dynamic = 'force-dynamic';

export default function Page() {
  const shows = JSON.parse(process.env.KAIKU_SHOWS ?? '[]') as ShowContext[];
  return (
    <main>
      <h1>Box office</h1>
      <Scanner
        api={process.env.KAIKU_API ?? ''}
        token={process.env.KAIKU_TOKEN ?? ''}
        venueId={process.env.KAIKU_VENUE ?? ''}
        shows={shows}
      />
    </main>
  );
}
