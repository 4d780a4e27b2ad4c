// setup.js, as docs/element.md's quick start has it: the settings the server side of the page knows (here
// kaiku-config.js, written by the test with the sandbox's URL) on the element, and the token callback. The token
// never goes into an attribute, storage or a URL.
import { api, token, venueId, shows } from './kaiku-config.js';

const scanner = document.querySelector('kaiku-scanner');
scanner.setAttribute('base-url', api);
scanner.setAttribute('venue-id', venueId);
scanner.shows = shows;
scanner.setAttribute('show-id', shows[0].id);
scanner.tokenProvider = () => token;
// What the element read and registered, and any error code it reported (codes only: nothing else is collected).
const seen = { scans: [], errors: [], registered: [] };
scanner.addEventListener('kaiku-scan', (e) => seen.scans.push(`${e.detail.source}:${e.detail.cardId}`));
scanner.addEventListener('kaiku-error', (e) => seen.errors.push(e.detail.code));
scanner.addEventListener('kaiku-usage-registered', (e) => seen.registered.push(e.detail.usageId));
Object.assign(globalThis, { consumer: { seen } });
