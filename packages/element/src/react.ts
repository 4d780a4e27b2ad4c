/**
 * `kaiku-scanner/react`: `<KaikuScanner>`, the element as a React component (`@lit/react`): properties and
 * `onKaiku…` listeners survive hydration (React 19 drops them from the plain tag). It imports in Node for SSR.
 *
 * @example
 * 'use client';
 * import { KaikuScanner } from 'kaiku-scanner/react';
 * export const BoxOffice = ({ getToken }: { getToken: () => Promise<string> }) => (
 *   <KaikuScanner baseUrl="https://kaikukanta.example/api/" venueId="venue-1" tokenProvider={getToken}
 *     onKaikuUsageRegistered={(e) => console.log(e.detail.usageId)} />
 * );
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { KaikuScanner as KaikuScannerElement } from './kaiku-scanner.js';

const event = <K extends keyof GlobalEventHandlersEventMap>(name: K) =>
  name as EventName<GlobalEventHandlersEventMap[K]>;

/** `<kaiku-scanner>` as a React component: properties as props, events as `onKaiku…` callbacks. */
export const KaikuScanner = createComponent({
  tagName: 'kaiku-scanner',
  elementClass: KaikuScannerElement,
  react: React,
  displayName: 'KaikuScanner',
  events: {
    onKaikuScan: event('kaiku-scan'),
    onKaikuCard: event('kaiku-card'),
    onKaikuBeforeRegister: event('kaiku-before-register'),
    onKaikuUsageRegistered: event('kaiku-usage-registered'),
    onKaikuUsageQueued: event('kaiku-usage-queued'),
    onKaikuUsageVoided: event('kaiku-usage-voided'),
    onKaikuSync: event('kaiku-sync'),
    onKaikuError: event('kaiku-error'),
  },
});
