'use client';
// The element through `kaiku-scanner/react`: `tokenProvider` and `shows` are properties, `onKaiku…` listeners. The
// plain `<kaiku-scanner>` tag loses all three when React 19 hydrates it (every look-up then fails with 401).
import type { ShowContext } from 'kaiku-scanner';
import { KaikuScanner } from 'kaiku-scanner/react';
import { useCallback, useEffect, useState } from 'react';

type Props = { api: string; token: string; venueId: string; shows: ShowContext[] };

export function Scanner({ api, token, venueId, shows }: Props) {
  const [hydrated, setHydrated] = useState(false);
  const [registered, setRegistered] = useState<string[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const tokenProvider = useCallback(() => token, [token]);
  useEffect(() => setHydrated(true), []);
  return (
    <>
      <KaikuScanner
        lang="en"
        baseUrl={api}
        venueId={venueId}
        shows={shows}
        showId={shows[0]?.id}
        tokenProvider={tokenProvider}
        onKaikuUsageRegistered={(e) => setRegistered((r) => [...r, e.detail.usageId])}
        onKaikuError={(e) => setErrors((r) => [...r, e.detail.code])}
      />
      <output id="hydrated">{String(hydrated)}</output>
      <output id="registered">{registered.join(',')}</output>
      <output id="errors">{errors.join(',')}</output>
    </>
  );
}
