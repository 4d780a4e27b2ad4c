/**
 * A usage accepted while Kaikukanta could not be asked (the card decided on its format alone) is recorded as
 * `acceptance: 'provisional'`, not `'online'`, and the outbox's usage report says so. Real Chromium, the element's
 * own IndexedDB outbox, an API address that refuses connections.
 */
import { expect } from '@esm-bundle/chai';
import { promisifyRequest } from 'idb-keyval';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';

const once = (el: Element, type: string): Promise<Event> =>
  new Promise((resolve) => el.addEventListener(type, resolve, { once: true }));

async function storedRecords(): Promise<{ id: string; acceptance: string }[]> {
  const records: { id: string; acceptance: string }[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.startsWith('kaiku-outbox')) continue;
    const db = await promisifyRequest(indexedDB.open(info.name));
    if (db.objectStoreNames.contains('outbox')) {
      const store = db.transaction('outbox').objectStore('outbox');
      const all = (await promisifyRequest(store.getAll())) as { id?: string; acceptance?: string }[];
      for (const r of all) if (r.id && r.acceptance) records.push({ id: r.id, acceptance: r.acceptance });
    }
    db.close();
  }
  return records;
}

describe('<kaiku-scanner> offline acceptance', function () {
  this.timeout(60_000);

  it('records a usage accepted on the card format alone as provisional, and exports it so', async () => {
    for (const info of await indexedDB.databases())
      if (info.name?.startsWith('kaiku-outbox')) await promisifyRequest(indexedDB.deleteDatabase(info.name));
    const host = document.createElement('div');
    // Port 9 (discard) on loopback refuses connections: the API cannot be asked.
    host.innerHTML = `<kaiku-scanner no-wedge no-camera base-url="http://127.0.0.1:9/" venue-id="teatteri-hilla"
      show-id="s1" show-name="Kevätyön uni" show-start="2099-03-01T19:00:00+02:00" show-kind="show"></kaiku-scanner>`;
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    el.tokenProvider = () => 'browser-token';
    document.body.append(host);
    await el.updateComplete;
    const card = once(el, 'kaiku-card');
    el.submitCardId('A045198723');
    expect(((await card) as CustomEvent<{ fromCache: boolean; status: string }>).detail.status).to.equal(
      'unverified',
    );
    await el.updateComplete;
    const queued = once(el, 'kaiku-usage-queued');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="confirm-button"]')!.click();
    await queued;
    const records = await storedRecords();
    expect(records.map((r) => r.acceptance)).to.deep.equal(['provisional']);
    const csv = await el.exportCsv();
    expect(csv.split('\r\n')[1]).to.match(
      // Then the record's key and the request's details, so an import elsewhere sends it under the same key.
      /^A045198723;1;0;Kevätyön uni;1\.3\.2099;19:00;varaus;;alustava;odottaa;;[0-9a-f-]{36};"\{""v"":1,.*\}"$/,
    );
    document.body.innerHTML = '';
  });
});
