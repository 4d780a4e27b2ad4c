/**
 * Storage the browser clears mid-shift (issue 61.7) is found at the next read or write, with the true count, and
 * said in the words of the mode: the register's usages were only on this device; the API's were not yet sent.
 * Before, the loss was looked for only at start-up: the next sale overwrote the remembered count, so a reload said
 * 1 lost when 3 were (API mode: 0).
 */
import { expect } from '@esm-bundle/chai';
import { createOutbox } from '@kaiku-scanner/core/outbox';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createCoreServices } from './services/create-core-services.js';
import { serviceMessages } from './messages/late-texts.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';
import { USAGE } from '../../../test/support/usage-fixture.js';

before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

afterEach(() => {
  document.body.innerHTML = '';
});

/** What the browser does when it clears the site's storage: the store's database and the marker go, at once. */
async function clearStorage(databaseName: string): Promise<void> {
  await Promise.all(
    [databaseName, 'kaiku-storage-marker'].map(
      (name) =>
        new Promise((resolve, reject) => {
          const r = indexedDB.deleteDatabase(name);
          r.onsuccess = resolve;
          r.onerror = () => reject(r.error);
        }),
    ),
  );
}

const tomorrow = new Date(Date.now() + 24 * 3600_000).toISOString();
const $ = (el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);

async function mount(venue: string): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner lang="en" no-wedge no-camera no-sound registry="none" venue-id="${venue}"
    terminal-name="Kassa 1" show-id="s1" show-name="Uni" show-start="${tomorrow}" show-cap="10"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  document.body.append(host);
  await until(() => $(el, '[part="register"]') !== null, { step: () => el.updateComplete });
  return el;
}

async function sell(el: KaikuScanner, cardId: string): Promise<void> {
  el.submitCardId(cardId);
  await until(() => $(el, '[part="confirm-button"]') !== null, { step: () => el.updateComplete });
  await el.confirm();
  await until(() => $(el, '[part="result"]') !== null, { step: () => el.updateComplete });
}

const open = (el: KaikuScanner) => $(el, '[part="register"]')?.dataset.open;
const notice = (el: KaikuScanner) => $(el, '[part="storage-notice"]');

describe('storage the browser may clear', () => {
  it('registry="none" asks to keep it, and says so while usages wait and the browser has not promised', async () => {
    const real = Object.getOwnPropertyDescriptor(navigator, 'storage');
    const asked: string[] = [];
    const storage = { persist: async () => !!asked.push('persist') && false, persisted: async () => false };
    Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
    try {
      const el = await mount(`persist-${Date.now()}`);
      await until(() => asked.length > 0, { step: () => el.updateComplete });
      expect([asked, notice(el)]).to.deep.equal([['persist'], null]); // nothing waits yet: nothing to say
      await sell(el, 'A045198723');
      await until(() => notice(el)?.dataset.storage === 'not-persisted', { step: () => el.updateComplete });
      expect(notice(el)!.textContent).to.contain('may clear it when the disk runs low');
    } finally {
      if (real) Object.defineProperty(navigator, 'storage', real);
      else delete (navigator as { storage?: unknown }).storage;
    }
  });
});

describe('storage slow to answer (a busy device)', () => {
  it('is not said to be blocked: no alert, no "no storage" badge, the sale kept; said once it answers', async () => {
    // Another connection that does not close holds the marker database; a deletion waiting for it holds every later
    // open — as a loaded WebKit's IndexedDB takes more than 5 s to answer.
    const holder = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('kaiku-storage-marker', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('m');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const deleting = indexedDB.deleteDatabase('kaiku-storage-marker');
    const deleted = new Promise((resolve) => (deleting.onsuccess = resolve));
    const el = await mount(`slow-${Date.now()}`);
    const badges = () => [
      ...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="sync-status"] [data-sync]'),
    ];
    const seen = new Set<string>();
    const started = performance.now();
    // Past the check's 5 s: what the row and the notice said meanwhile.
    await until(
      () => {
        for (const b of badges()) seen.add(b.dataset.sync!);
        if (notice(el)) seen.add(`notice:${notice(el)!.dataset.storage}`);
        return performance.now() - started > 6_500;
      },
      { step: () => el.updateComplete, guardMs: 30_000 },
    );
    expect([...seen].filter((s) => s === 'no-storage' || s.startsWith('notice:un'))).to.deep.equal([]);
    expect(seen.has('all-sent')).to.equal(false);
    holder.close();
    await deleted;
    await sell(el, 'A045198723');
    await until(() => open(el) === '1', { step: () => el.updateComplete });
    expect(badges().map((b) => b.dataset.sync)).not.to.include('no-storage');
  });
});

describe('storage cleared mid-shift', () => {
  it('registry="none": the next sale says all 3 lost, only on this device; a reload says 3 too', async () => {
    const venue = `loss-${Date.now()}`;
    const el = await mount(venue);
    for (const card of ['A045198723', 'A999005458', 'X000011986']) await sell(el, card);
    await until(() => open(el) === '3', { step: () => el.updateComplete });

    await clearStorage(`kaiku-register ${venue} Kassa 1`);
    await sell(el, 'A999991234');
    // The state read after this sale counts it alone, and says the 3 before it were lost.
    await until(() => open(el) === '1', { step: () => el.updateComplete });
    await el.updateComplete;
    expect(notice(el)?.dataset.lost).to.equal('3');
    const said = notice(el)!.textContent!.replace(/\s+/g, ' ');
    expect(said).to.contain('3 usages recorded on this terminal were lost');
    expect(said).to.contain('only on this device, not in Kaikukanta');
    expect(said).to.contain('from a shift report printed before the clearing'); // not one printed now: it is empty
    expect(said).to.not.contain('usage report');

    // A reload (a new element on the same register) still says 3, not the 1 remembered last.
    el.parentElement!.remove();
    const again = await mount(venue);
    await until(() => notice(again)?.dataset.lost === '3', { step: () => again.updateComplete });
    // The sale after the clearing was sealed with the key the page held, kept again in the new database: it is
    // still open after the reload, not "needs attention" (tampered).
    await until(() => open(again) === '1', { step: () => again.updateComplete });
    expect($(again, '[part="needs-attention"]')).to.equal(null);
    // Acknowledged: it goes, and a later clearing is said again.
    notice(again)!.querySelector('button')!.click();
    await until(() => (notice(again)?.dataset.lost ?? '0') === '0', { step: () => again.updateComplete });
    // Two open once the sale is counted (waiting for '1' passed on the count before it, and the lost count then
    // depended on whether that read came before the clearing: 1 or 2, a flake under load).
    await sell(again, 'A999005461');
    await until(() => open(again) === '2', { step: () => again.updateComplete });
    await clearStorage(`kaiku-register ${venue} Kassa 1`);
    await sell(again, 'A123456789');
    await until(() => notice(again)?.dataset.lost === '2', { step: () => again.updateComplete });
  });

  it('API mode: the next read says the 3 queued usages were lost, not yet sent; a restart says 3 too', async () => {
    const databaseName = `loss-api-${Date.now()}`;
    const options = {
      baseUrl: 'http://127.0.0.1:9/',
      venueId: USAGE.venueId,
      channel: 'box-office',
      getToken: () => 'token',
      databaseName,
    } as const;
    const transport = { sendBatch: () => Promise.reject(new Error('never sent')) };
    const outbox = createOutbox({
      transport,
      target: { baseUrl: options.baseUrl, venueId: USAGE.venueId },
      databaseName,
      autoSync: false,
    });
    for (const cardId of ['A045198723', 'A999005458', 'X000011986'])
      await outbox.enqueue({ ...USAGE, cardId });
    outbox.stop();
    const services = createCoreServices(options);
    expect((await services.outboxState()).pending).to.equal(3);

    await clearStorage(databaseName);
    const next = await services.outboxState();
    expect([next.pending, next.lost]).to.deep.equal([0, 3]);
    services.dispose();

    const restarted = createCoreServices(options);
    expect((await restarted.outboxState()).lost).to.equal(3);
    restarted.dispose();
    // Said as not yet sent, not as something Kaikukanta's usage report would hold.
    expect(serviceMessages['storage-evicted'].en({ n: 3 })).to.contain(
      '3 usages not yet sent to Kaikukanta were',
    );
    expect(serviceMessages['storage-evicted'].en({ n: 3 })).to.not.contain('usage report');
  });
});
