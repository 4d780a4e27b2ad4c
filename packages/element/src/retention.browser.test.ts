/**
 * The element's retention settings (`card-cache-ttl-ms`, `offline-policy`, `retention-ms`) reach the outbox:
 * real Chromium, the real sandbox on another origin, the element's own IndexedDB outbox.
 */
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { startSandbox } from '../../../test/support/browser-sandbox.js';
import { promisifyRequest } from 'idb-keyval';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import type { KaikuCardEvent, KaikuErrorEvent } from './events.js';

const ACTIVE = 'A045198723';
const REFUSED = 'A999005458';
/**
 * The card cache's TTL here: longer than stopping the sandbox takes on a loaded machine (1.5 s was not, in WebKit:
 * the cached record had expired before the offline look-up), and the test waits out only what is left of it.
 */
const TTL_MS = 10_000;

async function outboxDatabases(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('kaiku-outbox'));
}

async function cachedCardIds(): Promise<string[]> {
  const ids: string[] = [];
  for (const name of await outboxDatabases()) {
    const db = await promisifyRequest(indexedDB.open(name));
    if (db.objectStoreNames.contains('outbox')) {
      const keys = await promisifyRequest(db.transaction('outbox').objectStore('outbox').getAllKeys());
      ids.push(...keys.map(String).filter((k) => k.startsWith('c:')));
    }
    db.close();
  }
  return ids;
}

/** When the server last returned `cardId`, as its cached record says (epoch ms). */
async function seenAt(cardId: string): Promise<number> {
  for (const name of await outboxDatabases()) {
    const db = await promisifyRequest(indexedDB.open(name));
    const store = db.transaction('outbox').objectStore('outbox');
    const keys = (await promisifyRequest(store.getAllKeys())).map(String);
    const key = keys.find((k) => k.startsWith('c:') && k.endsWith(cardId));
    const record = key === undefined ? undefined : await promisifyRequest(store.get(key));
    db.close();
    if (record) return (record as { seenAt: number }).seenAt;
  }
  throw new Error(`no cached record of ${cardId}`);
}

/** Submits a card ID and resolves with the card shown or the error reported. */
function lookUp(el: KaikuScanner, cardId: string): Promise<KaikuCardEvent | KaikuErrorEvent> {
  return new Promise((resolve) => {
    const done = (e: Event): void => {
      el.removeEventListener('kaiku-card', done);
      el.removeEventListener('kaiku-error', done);
      resolve(e as KaikuCardEvent | KaikuErrorEvent);
    };
    el.addEventListener('kaiku-card', done);
    el.addEventListener('kaiku-error', done);
    el.submitCardId(cardId);
  });
}

describe('<kaiku-scanner> retention settings', function () {
  this.timeout(60_000);
  let url = '';

  before(async () => {
    for (const name of await outboxDatabases()) await promisifyRequest(indexedDB.deleteDatabase(name));
    ({ url } = await startSandbox());
    for (const [id, status] of [
      [ACTIVE, 'active'],
      [REFUSED, 'inactive'],
    ]) {
      const res = await fetch(`${url}__sandbox/cards`, {
        method: 'POST',
        headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
        body: JSON.stringify({
          id,
          prefix: 'A',
          kind: 'client',
          status,
          validUntil: '2099-12-31',
          minors: 1,
        }),
      });
      expect(res.ok).to.equal(true);
    }
  });

  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('caches only active cards, for card-cache-ttl-ms, then decides by offline-policy', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<kaiku-scanner no-wedge no-camera base-url="${url}" venue-id="teatteri-hilla"
      card-cache-ttl-ms="${TTL_MS}" offline-policy="refuse" show-id="s1" show-name="Kevätyön uni"
      show-start="2099-03-01T19:00:00+02:00" show-kind="show"></kaiku-scanner>`;
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    el.tokenProvider = () => 'browser-token';
    document.body.append(host);
    await el.updateComplete;
    expect(el.cardCacheTtlMs).to.equal(TTL_MS);
    expect(el.offlinePolicy).to.equal('refuse');

    const online = await lookUp(el, ACTIVE);
    expect(online.type).to.equal('kaiku-card');
    expect((online as KaikuCardEvent).detail.fromCache).to.equal(false);
    expect((await lookUp(el, REFUSED)).type).to.equal('kaiku-card');
    expect((await cachedCardIds()).filter((k) => k.endsWith(REFUSED))).to.deep.equal([]);
    expect((await cachedCardIds()).filter((k) => k.endsWith(ACTIVE)).length).to.equal(1);
    const cachedAt = await seenAt(ACTIVE);

    await executeServerCommand('kaiku-sandbox-stop', { url }); // the API is gone
    // …once its process no longer answers (a dying process may still serve a kept-alive connection).
    for (;;) {
      const gone = await fetch(`${url}v1/health`, { cache: 'no-store' }).then(
        () => false,
        () => true,
      );
      if (gone) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cached = await lookUp(el, ACTIVE);
    expect(cached.type).to.equal('kaiku-card');
    expect((cached as KaikuCardEvent).detail.fromCache).to.equal(true);
    const refused = await lookUp(el, REFUSED); // never cached: the policy decides
    expect((refused as KaikuErrorEvent).detail.code).to.equal('offline-refused');
    await new Promise((r) => setTimeout(r, cachedAt + TTL_MS + 100 - Date.now())); // past the TTL
    const expired = await lookUp(el, ACTIVE);
    expect((expired as KaikuErrorEvent).detail.code).to.equal('offline-refused');
    expect(await cachedCardIds()).to.deep.equal([]);
  });
});
