'use client';
// The element through `kaiku-scanner/react`: `tokenProvider` and `shows` are properties, `onKaiku…` listeners. The
// plain `<kaiku-scanner>` tag loses all three when React 19 hydrates it (every look-up then fails with 401).
import type { ShowContext } from 'kaiku-scanner';
import { KaikuScanner } from 'kaiku-scanner/react';
import { useCallback, useEffect, useState } from 'react';

type Props = { api: string; token: string; venueId: string; shows: ShowContext[] };

// What the element read and registered, and any error code it reported (codes only), for the test to read.
const seen = { scans: [] as string[], errors: [] as string[], registered: [] as string[] };

export function Scanner({ api, token, venueId, shows }: Props) {
  const [hydrated, setHydrated] = useState(false);
  const tokenProvider = useCallback(() => token, [token]);
  useEffect(() => {
    Object.assign(globalThis, { consumer: { seen } });
    setHydrated(true);
  }, []);
  return (
    <>
      <KaikuScanner
        lang="en"
        baseUrl={api}
        venueId={venueId}
        shows={shows}
        showId={shows[0]?.id}
        tokenProvider={tokenProvider}
        onKaikuScan={(e) => seen.scans.push(`${e.detail.source}:${e.detail.cardId}`)}
        onKaikuUsageRegistered={(e) => seen.registered.push(e.detail.usageId)}
        onKaikuError={(e) => seen.errors.push(e.detail.code)}
      />
      <output id="hydrated">{String(hydrated)}</output>
    </>
  );
}
