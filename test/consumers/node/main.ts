// A Node service using only the headless core: its main entry's types stand without the DOM library
// (tsconfig: lib ES2022, types node, skipLibCheck false). The outbox (IndexedDB) is `@kaiku-scanner/core/outbox`.
// It registers a usage against the Kaikukanta API at KAIKU_API (the test's sandbox) with the token KAIKU_TOKEN, then
// registers the same card for the same show again, which the server must refuse, and reads the show's tally back.
import { randomUUID } from 'node:crypto';
import {
  ApiProblemError,
  CARD_ID_FORMAT,
  createApiClient,
  decideUsage,
  isKaikuError,
  localize,
  parseCardId,
  toApiShow,
  toUsageEvent,
  toUsageReportCsv,
  type OutboxRecord,
} from '@kaiku-scanner/core';
import type { ShowConfig, UsageRequest } from '@kaiku-scanner/core/contract';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const card = parseCardId(process.argv[2] ?? ' *a999005429* ');
if (!card.ok) throw new Error(localize(card.error, 'en'));
const [show] = JSON.parse(env('KAIKU_SHOWS')) as (ShowConfig & { id: string; name: string })[];
if (!show) throw new Error('KAIKU_SHOWS has no show');
const token = env('KAIKU_TOKEN');
const client = createApiClient({ baseUrl: env('KAIKU_API'), getToken: () => token });

const record = await client.lookupCard(card.id);
// The operating model's rules, as a terminal applies them before it sends (the server decides again).
const decision = decideUsage({
  card: { id: record.id, status: record.status, validUntil: record.validUntil, minors: record.minors },
  event: toUsageEvent(show, { ticketsGiven: (await client.getShowTally(show.id)).ticketsGiven }),
  request: { mode: 'booking', childTickets: record.minors },
  now: new Date(),
});
const usage: UsageRequest = {
  venueId: env('KAIKU_VENUE'),
  show: toApiShow(show),
  cardId: card.id,
  childTickets: record.minors,
  channel: 'box-office',
  mode: 'booking',
  clientTime: new Date().toISOString(),
};
const registered = await client.registerUsage(usage, { idempotencyKey: randomUUID() });
const again = await client.registerUsage(usage, { idempotencyKey: randomUUID() }).then(
  () => 'registered twice',
  (e: unknown) => (e instanceof ApiProblemError ? e.problemCode : String(e)),
);
const tally = await client.getShowTally(show.id);
const records: OutboxRecord[] = [];
console.log(
  JSON.stringify({
    id: card.id,
    allowed: decision.ok,
    usageId: registered.usageId,
    tickets: registered.tickets.total,
    again,
    tally: tally.usages,
    prefixes: Object.keys(CARD_ID_FORMAT).length > 0,
    csv: toUsageReportCsv(records).split('\n')[0],
    guard: isKaikuError(new Error('x')),
  }),
);
