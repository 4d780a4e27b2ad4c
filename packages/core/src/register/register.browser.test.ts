// The register on this engine's IndexedDB (issue 61, items 4–6): undo is one atomic step against an export or a
// hand-over, two tabs never both record a card for one show, and a record changed, forged or put back behind the register's back is never exported or handed over.
import { expect } from '@esm-bundle/chai';
import { promisifyRequest } from 'idb-keyval';
import { createStrictStore } from '../outbox/strict-store.js';
import { freshDbName, usage } from '../outbox/outbox.test-support.js';
import type { OutboxRecord } from '../outbox/types.js';
import { createRegister, type RegisterRecord, type RegisterStore } from './create-register.js';
import { deviceRegisterStore } from './register-store.js';

const NOW = Date.parse('2020-02-01T10:00:00+02:00');
const VENUE = 'teatteri-hilla';

/** The card IDs of an exported CSV (the rows between the header and the total). */
const cardsOf = (bytes: Uint8Array): string[] =>
  new TextDecoder()
    .decode(bytes)
    .split('\r\n')
    .map((line) => line.split(';')[0]!)
    .filter((cell) => /^[A-Z]\d{9}$/.test(cell));

const open = (databaseName: string, store?: RegisterStore) =>
  createRegister({
    venueId: VENUE,
    terminal: 'Kassa 1',
    store: store ?? deviceRegisterStore(VENUE, 'Kassa 1', databaseName),
    now: () => NOW,
  });

/** What a page script can do: read and write the register's object store directly. */
const raw = (databaseName: string) => {
  const db = createStrictStore(databaseName, 'outbox');
  return {
    get: (key: string) => db('readonly', (s) => promisifyRequest(s.get(key)) as Promise<unknown>),
    put: (entries: [string, unknown][]) => db('readwrite', (s) => entries.forEach(([k, v]) => s.put(v, k))),
  };
};

const adopter = () => {
  const adopted: RegisterRecord[] = [];
  return {
    adopted,
    scope: { api: 'https://kaikukanta.test/api/' },
    adopt: async (r: RegisterRecord) => void adopted.push(r),
  };
};

describe('undo against export and hand-over, in IndexedDB (issue 61.5)', () => {
  it('an export landing between the read and the write of an undo wins: never "removed" and in the file', async () => {
    const databaseName = freshDbName('register-undo-slot');
    const device = deviceRegisterStore(VENUE, 'Kassa 1', databaseName);
    let race: (() => Promise<unknown>) | undefined;
    const after = async <T>(result: T): Promise<T> => {
      const run = race;
      race = undefined;
      await run?.();
      return result;
    };
    const store: RegisterStore = {
      ...device,
      list: async () => after(await device.list()),
      update: async (ids, change) => after(await device.update(ids, change)),
    };
    const register = open(databaseName, store);
    const { id } = await register.record(usage());
    let file: string[] = [];
    race = async () => (file = cardsOf((await register.export({ format: 'csv' })).bytes));
    const undone = await register.voidUsage(id).catch((e: { code: string }) => e.code);
    expect(race).to.equal(undefined);
    // Before: 'removed', with the usage in the file all the same.
    expect({ undone, file }).to.deep.equal(
      undone === 'removed' ? { undone, file: [] } : { undone: 'void-exported', file: ['A045198723'] },
    );
  });

  it('undos racing an export and a hand-over in two tabs: each usage is undone or gone, never both', async () => {
    const databaseName = freshDbName('register-undo-race');
    const [tab1, tab2] = [open(databaseName), open(databaseName)];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++)
      ids.push((await tab1.record({ ...usage(), show: { ...usage().show, id: `s${i}` } })).id);
    const outbox = adopter();
    const undos = ids.map((id) => tab2.voidUsage(id).catch((e: { code: string }) => e.code));
    const [file] = await Promise.all([tab1.export({ format: 'csv' }), tab2.handOver(outbox), ...undos]);
    const outcomes = await Promise.all(undos);
    const sent = [
      ...cardsOf(file.bytes).map(() => 'in the file'),
      ...outbox.adopted.map(() => 'handed over'),
    ];
    // Every usage once: removed, or in the file or on its way (and then its undo refused).
    expect(outcomes.filter((o) => o === 'removed').length + sent.length).to.equal(ids.length);
    expect(outcomes.filter((o) => o === 'void-exported').length).to.equal(sent.length);
    expect((await tab1.usages()).length).to.equal(sent.length);
  });
});

describe('the seal in the register (issue 61.4)', () => {
  it('a record edited in storage is never exported nor re-sealed; one forged from nothing is never handed over', async () => {
    const databaseName = freshDbName('register-tamper');
    const register = open(databaseName);
    const honest = await register.record(usage('A045198723'));
    const edited = await register.record(usage('A999005458'));
    const store = raw(databaseName);
    const stored = (await store.get(`u:${edited.id}`)) as OutboxRecord;
    const forged = { ...stored, id: 'forged-1', handover: { api: adopter().scope.api, at: 0, done: false } };
    await store.put([
      [`u:${edited.id}`, { ...stored, usage: { ...stored.usage, cardId: 'A999991234' } }],
      [`u:${forged.id}`, forged],
    ]);
    const file = await register.export({ format: 'csv' });
    expect(cardsOf(file.bytes)).to.deep.equal(['A045198723']); // before: A999991234 too
    const outbox = adopter();
    await register.handOver(outbox);
    expect(outbox.adopted).to.deep.equal([]); // before: the forged usage, re-sealed and sent
    const kept = await register.usages();
    // Recorded in the same millisecond: listed by ID, so compared as a set.
    const byId = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : 1);
    expect(kept.map((r) => [r.id, r.problem?.code]).sort(byId)).to.deep.equal(
      [
        [honest.id, undefined],
        [edited.id, 'record-tampered'],
        [forged.id, 'record-tampered'],
      ].sort(byId),
    );
    expect(((await store.get(`u:${edited.id}`)) as RegisterRecord).exportedAt).to.equal(undefined);
    // Nor counted: the show's tally holds the honest usage alone (before: all three).
    expect(await register.tally(honest.usage.show.id)).to.deep.equal({ usages: 1, ticketsGiven: 1 });
  });

  it('an undone usage put back with its generation key is caught, never exported', async () => {
    const databaseName = freshDbName('register-replay');
    const register = open(databaseName);
    const record = await register.record(usage());
    const store = raw(databaseName);
    const keys = [`u:${record.id}`, `g:${record.id}`];
    const saved = await Promise.all(keys.map((k) => store.get(k)));
    expect(await register.voidUsage(record.id)).to.equal('removed');
    await store.put(keys.map((k, i) => [k, saved[i]]));
    expect(cardsOf((await register.export({ format: 'csv' })).bytes)).to.deep.equal([]); // before: A045198723
    expect((await register.usages()).map((r) => r.problem?.code)).to.deep.equal(['record-tampered']);
  });
});

describe('one card, one usage per show, across tabs (issue 61.6)', () => {
  it('two tabs recording the same cards for one show at once: each card recorded once, the other refused', async () => {
    const databaseName = freshDbName('register-once-race');
    const [tab1, tab2] = [open(databaseName), open(databaseName)];
    const cards = ['A045198723', 'A999005458', 'A999005429', 'X000011986', 'A999005461', 'A999005474'];
    const outcomes = await Promise.all(
      cards.flatMap((card) =>
        [tab1, tab2].map((tab) =>
          tab.record(usage(card)).then(
            () => 'recorded',
            (e: { code: string; params: { terminal?: string } }) => `${e.code} ${e.params.terminal}`,
          ),
        ),
      ),
    );
    // Before: 12 usages, each card sold twice for one show.
    expect(outcomes.filter((o) => o === 'recorded').length).to.equal(cards.length);
    expect(outcomes.filter((o) => o === 'already-used Kassa 1').length).to.equal(cards.length);
    expect((await tab2.usages()).map((r) => r.usage.cardId).sort()).to.deep.equal([...cards].sort());
  });
});
