import { expect } from '@esm-bundle/chai';
import { createOutbox } from './create-outbox.js';
import { promisifyRequest } from 'idb-keyval';
import { createStrictStore } from './strict-store.js';
import { apiError, fakeServer, freshDbName, refusingInactive, usage, TARGET } from './outbox.test-support.js';
import { until } from '../../../../test/support/until.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('offline decisions, tallies, retention, export', () => {
  const card = {
    id: 'A045198723',
    status: 'active',
    validUntil: '2099-01-01',
    minors: 2,
    prefix: 'A',
    kind: 'client',
  };

  it('decides from the cached card record, else by policy, and rethrows a definitive answer', async () => {
    let online = true;
    const client = {
      registerBatch: async () => ({ results: [] }),
      lookupCard: async (id: string) => {
        if (!online) throw apiError('network', true);
        if (id === 'A999000001')
          throw Object.assign(apiError('problem', false, { status: 404 }), {
            problemCode: 'card-not-registered',
          });
        return card;
      },
    };
    let now = 0;
    const accept = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('check'),
      autoSync: false,
      cardCacheTtlMs: 1_000,
      now: () => now,
    });
    expect(await accept.checkCard('A045198723')).to.deep.include({
      ok: true,
      source: 'server',
      provisional: false,
    });
    online = false;
    const cached = await accept.checkCard('A045198723');
    expect(cached).to.deep.include({ ok: true, source: 'cache', provisional: true, failure: 'network' });
    // Only the four fields are kept.
    expect(Object.keys((cached as { card: object }).card).sort()).to.deep.equal([
      'id',
      'minors',
      'seenAt',
      'status',
      'validUntil',
    ]);
    now = 5_000; // past the TTL
    expect(await accept.checkCard('A045198723')).to.deep.include({
      ok: true,
      source: 'format',
      provisional: true,
    });
    const refuse = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('refuse'),
      autoSync: false,
      offlinePolicy: 'refuse',
    });
    expect(await refuse.checkCard('A045198723')).to.deep.equal({
      ok: false,
      code: 'offline-refused',
      failure: 'network',
    });
    online = true;
    const error = await accept.checkCard('A999000001').catch((e: unknown) => e);
    expect((error as { problemCode: string }).problemCode).to.equal('card-not-registered');
    accept.stop();
    refuse.stop();
  });

  it('keeps no record of a card the server refuses, and forgets one that became refused', async () => {
    let online = true;
    let status = 'active';
    const client = {
      registerBatch: async () => ({ results: [] }),
      lookupCard: async () => {
        if (!online) throw apiError('network', true);
        return { ...card, status };
      },
    };
    const databaseName = freshDbName('refused-cache');
    const outbox = createOutbox({ target: TARGET, client, databaseName, autoSync: false });
    const cached = async () =>
      (
        await createStrictStore(databaseName, 'outbox')('readonly', (s) => promisifyRequest(s.getAllKeys()))
      ).filter((k) => String(k).startsWith('c:')).length;
    status = 'inactive';
    await outbox.checkCard(card.id);
    expect(await cached()).to.equal(0);
    status = 'active';
    await outbox.checkCard(card.id);
    expect(await cached()).to.equal(1);
    status = 'use-ban';
    await outbox.checkCard(card.id); // the server now refuses it: the old "active" record must go
    expect(await cached()).to.equal(0);
    online = false;
    expect(await outbox.checkCard(card.id)).to.deep.include({ source: 'format', provisional: true });
    outbox.stop();
  });

  it('purges expired cards and old records on a timer, not only at start-up and after a sync', async () => {
    let now = 0;
    const server = fakeServer();
    const client = { registerBatch: async () => ({ results: [] }), lookupCard: async () => card };
    const databaseName = freshDbName('purge-timer');
    const outbox = createOutbox({
      target: TARGET,
      client,
      transport: server.transport,
      databaseName,
      autoSync: false,
      retentionMs: 1_000,
      cardCacheTtlMs: 1_000,
      purgeIntervalMs: 50,
      now: () => now,
    });
    await outbox.ready;
    await outbox.checkCard(card.id);
    await outbox.enqueue(usage());
    await outbox.syncNow(); // synced: kept for the retention
    const keys = async () =>
      (await createStrictStore(databaseName, 'outbox')('readonly', (s) => promisifyRequest(s.getAllKeys())))
        .map(String)
        .filter((k) => /^[uc]:/.test(k));
    expect((await keys()).length).to.equal(2);
    now = 5_000; // past both; no sync, no start-up, no purge() call from here on
    // Purged by the 50 ms timer, whenever a loaded page runs it (a hang guard, not a deadline).
    await until(async () => (await keys()).length === 0).catch(() => undefined);
    expect(await keys()).to.deep.equal([]);
    outbox.stop();
  });

  it('keeps a local tally while offline and reconciles it with the server count', async () => {
    let online = true;
    const client = {
      registerBatch: async () => Promise.reject(apiError('network', true)),
      getShowTally: async (showId: string) => {
        if (!online) throw apiError('network', true);
        return {
          showId,
          cap: 5,
          ticketsGiven: 3,
          usages: 2,
          remaining: 2,
          updatedAt: '2020-02-01T10:00:00Z',
        };
      },
    };
    const outbox = createOutbox({
      target: TARGET,
      client,
      databaseName: freshDbName('tally'),
      autoSync: false,
    });
    expect(await outbox.showTally('show-1', { refresh: true })).to.include({
      ticketsGiven: 3,
      overCap: false,
      provisional: false,
    });
    online = false;
    await outbox.enqueue(usage('A045198723', 2));
    const offline = await outbox.showTally('show-1', { refresh: true });
    expect(offline).to.include({
      ticketsGiven: 6,
      localTickets: 3,
      overCap: true,
      provisional: true,
      cap: 5,
    });
    outbox.stop();
  });

  it('purges synced and resolved records after the retention, not before', async () => {
    let now = 1_000;
    const server = fakeServer();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('retention'),
      autoSync: false,
      retentionMs: 10_000,
      now: () => now,
    });
    await outbox.enqueue(usage());
    await outbox.syncNow();
    const tally = await outbox.showTally('show-1');
    expect(tally.localUsages).to.equal(1); // still held: the server count was never fetched
    now += 9_000;
    expect(await outbox.purge()).to.equal(0);
    now += 2_000;
    expect(await outbox.purge()).to.equal(1);
    expect((await outbox.showTally('show-1')).localUsages).to.equal(0);
    outbox.stop();
  });

  it('exports pending and needs-attention records as the usage report (not synced ones)', async () => {
    const server = refusingInactive();
    const outbox = createOutbox({
      target: TARGET,
      transport: server.transport,
      databaseName: freshDbName('csv'),
      autoSync: false,
    });
    await outbox.enqueue(usage('A999005380', 1));
    await outbox.enqueue(usage('A045198723', 2));
    await outbox.syncNow();
    await outbox.enqueue(usage('A999005458', 0, '@Matti'));
    const csv = await outbox.exportCsv({ bom: false });
    const lines = csv.split('\r\n');
    // The template's columns and the outbox's, then each record's key and the request's details.
    expect(lines.map((l) => l.replace(/;[0-9a-f-]{36};"\{""v"":1,""api"":""http.*\}"$/, ''))).to.deep.equal([
      'Kortin tunnus;Lippu aikuiselle;Lippu lapselle;Esityksen nimi;Päivämäärä;Kellonaika;Käyttötapa;Ryhmäkäynti;Tarkistus;Lähetyksen tila;Syy;Kirjaustunniste;Kirjauksen tiedot',
      'A999005380;1;1;Taikuri Matti;3.2.2020;18:00;varaus;;verkossa;vaatii huomiota;Kortti ei ole aktiivinen Kaikukannassa.',
      "A999005458;1;0;'@Matti;3.2.2020;18:00;varaus;;verkossa;odottaa;",
      'Yhteensä;2;1;;;;;;;;;;',
      '',
    ]);
    expect(lines[1]).to.contain(`;${(await outbox.needsAttention())[0]!.id};"{`);
    expect(lines[2]).to.contain(`;${(await outbox.pending())[0]!.id};"{`);
    outbox.stop();
  });

  it('reports its capabilities and asks for persistent storage', async () => {
    const outbox = createOutbox({
      target: TARGET,
      transport: fakeServer().transport,
      databaseName: freshDbName('caps'),
      autoSync: false,
    });
    await outbox.ready;
    expect(outbox.capabilities).to.include({
      lock: 'web-locks',
      idempotencyKey: 'random-uuid',
      broadcast: 'broadcast-channel',
      secureContext: true,
    });
    // Asked at start-up, answered whenever the browser answers (start-up does not wait for it): the outbox reports
    // what the browser answers this page. WebKitGTK has no StorageManager; Firefox asks the person, and headless
    // nobody answers, so the request stays open.
    if (typeof navigator.storage?.persist !== 'function') {
      expect(outbox.capabilities.persistence).to.equal('unsupported');
    } else {
      await until(() => outbox.capabilities.persistence !== 'requested', { guardMs: 5_000 }).catch(
        () => undefined,
      );
      if (outbox.capabilities.persistence === 'requested') {
        // Still open: then the browser really is still asking (its persist() does not answer the page either).
        const direct = await Promise.race([
          navigator.storage.persist().then(() => 'answered'),
          sleep(1000).then(() => 'still asking'),
        ]);
        expect(direct).to.equal('still asking');
      } else {
        expect(['persisted', 'not-persisted']).to.include(outbox.capabilities.persistence);
      }
    }
    outbox.stop();
    const error = await outbox.enqueue(usage()).catch((e: unknown) => e);
    expect((error as { code: string }).code).to.equal('outbox-stopped');
  });
});
