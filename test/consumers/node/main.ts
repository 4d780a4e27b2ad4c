// A Node service using only the headless core: its main entry's types stand without the DOM library
// (tsconfig: lib ES2022, types node, skipLibCheck false). The outbox (IndexedDB) is `@kaiku-scanner/core/outbox`.
import {
  CARD_ID_FORMAT,
  createApiClient,
  isKaikuError,
  localize,
  parseCardId,
  toUsageReportCsv,
  type OutboxRecord,
} from '@kaiku-scanner/core';

const card = parseCardId(process.argv[2] ?? ' *a045198723* ');
const records: OutboxRecord[] = [];
const client = createApiClient({ baseUrl: 'http://127.0.0.1:8787/', getToken: () => 'token' });
console.log(
  JSON.stringify({
    id: card.ok ? card.id : localize(card.error, 'en'),
    prefixes: Object.keys(CARD_ID_FORMAT).length > 0,
    csv: toUsageReportCsv(records).split('\n')[0],
    client: typeof client.lookupCard,
    guard: isKaikuError(new Error('x')),
  }),
);
