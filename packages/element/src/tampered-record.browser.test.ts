/**
 * A record changed outside the outbox (issue 31.7) reaches staff in the element's needs-attention list with the
 * outbox's own words, not as a refusal by Kaikukanta: real core services, the element's IndexedDB outbox.
 */
import { expect } from '@esm-bundle/chai';
import { createOutbox } from '@kaiku-scanner/core/outbox';
import type { OutboxRecord } from '@kaiku-scanner/core';
import { outboxMessages } from '@kaiku-scanner/core/messages';
import { promisifyRequest } from 'idb-keyval';
import { createCoreServices } from './services/create-core-services.js';
import { until } from '../../../test/support/until.js';
import { USAGE } from '../../../test/support/usage-fixture.js';

const API = 'http://127.0.0.1:9/';

describe('a tampered outbox record in the element', () => {
  it('is listed for staff as changed outside the program, not as a refusal by Kaikukanta', async () => {
    const databaseName = `tampered-${Date.now()}`;
    const transport = { sendBatch: () => Promise.reject(new Error('never sent')) };
    const outbox = createOutbox({
      transport,
      target: { baseUrl: API, venueId: USAGE.venueId },
      databaseName,
      autoSync: false,
    });
    const record = await outbox.enqueue(USAGE);
    outbox.stop();
    // What a page script can do: rewrite the record in IndexedDB (another card).
    const db = await promisifyRequest(indexedDB.open(databaseName));
    const os = db.transaction('outbox', 'readwrite').objectStore('outbox');
    const stored = (await promisifyRequest(os.get(`u:${record.id}`))) as OutboxRecord;
    os.put({ ...stored, usage: { ...stored.usage, cardId: 'A999991234' } }, `u:${record.id}`);
    await promisifyRequest(os.transaction);
    db.close();

    const services = createCoreServices({
      baseUrl: API,
      venueId: USAGE.venueId,
      channel: 'box-office',
      getToken: () => 'token',
      databaseName,
    });
    let items: readonly { reason: { code: string; message: { en: string } } }[] = [];
    await until(async () => {
      items = (await services.outboxState()).needsAttention;
      return items.length === 1;
    });
    expect(items[0]!.reason.code).to.equal('record-tampered');
    // Before: "Kaikukanta refused the usage (reason code record-tampered), but this version … cannot show why."
    expect(items[0]!.reason.message.en).to.equal(outboxMessages['record-tampered'].en());
    services.dispose();
  });
});
