// A model of undo through the outbox (issue 45): random sequences of enqueue, sync (Kaikukanta up or down), undo,
// reload (a new outbox on the same database), putting back a saved copy of a record, rewriting a waiting record's usage, pointing one record's usage
// handle at another's, in real IndexedDB. After every step: nothing undone as never-sent was ever sent, no undo of an
// intact record fails because Kaikukanta is down, a tampered or put-back record is refused visibly and never sent; at
// the end (Kaikukanta up, synced twice) the registry holds exactly what was confirmed and not undone, each once.
import { expect } from '@esm-bundle/chai';
import fc from 'fast-check';
import { promisifyRequest } from 'idb-keyval';
import { seedFastCheck } from '../../../../test/support/fast-check-seed.js';
import { createOutbox, type Outbox } from './create-outbox.js';
import type { OutboxError } from './outbox-error.js';
import { createStrictStore } from './strict-store.js';
import { apiError, fakeServer, freshDbName, TARGET, usage } from './outbox.test-support.js';
import type { ItemOutcome, OutboxRecord } from './types.js';
import type { VoidResult } from '../schemas/api.js';

seedFastCheck();

const handleOf = (key: string): string => `${key.slice(0, 24)}${key.slice(-12).split('').reverse().join('')}`;

class World {
  readonly databaseName = freshDbName('undo-model');
  readonly store = createStrictStore(this.databaseName, 'outbox');
  down = false;
  readonly voided = new Set<string>();
  readonly server = fakeServer((entries) =>
    this.down
      ? apiError('network', true)
      : entries.map((e): ItemOutcome => ({ kind: 'accepted', usageId: handleOf(e.idempotencyKey) })),
  );
  readonly client = {
    registerBatch: () => Promise.reject(new Error('the transport sends')),
    voidUsage: async (usageId: string): Promise<VoidResult> => {
      if (this.down) throw apiError('network', true);
      const key = [...this.server.registered.keys()].find((k) => handleOf(k) === usageId);
      if (key) this.voided.add(key);
      const tickets = { adult: 1 as const, children: 0, groupMembers: 0, under16Clients: 0, total: 1 };
      const showTally = {
        showId: 's',
        cap: null,
        ticketsGiven: 0,
        remaining: null,
        usages: 0,
        updatedAt: '2020-02-01T08:00:00Z',
      };
      return { usageId, state: 'voided', voidedAt: '2020-02-01T08:05:00.000Z', tickets, showTally };
    },
  };
  outbox: Outbox = this.open();
  readonly confirmed: string[] = [];
  readonly saved = new Map<string, OutboxRecord>();
  /** Undone and deleted as never sent: their keys must never reach the server. */
  readonly removed = new Set<string>();
  /** Undone (voided, or queued to be): must not stay registered. */
  readonly undone = new Set<string>();
  /** Put back or rewritten behind the outbox's back: must be refused, never sent, never voided. */
  readonly tampered = new Set<string>();
  /** Of those, the ones whose usage was changed: the server must never get the changed usage. */
  readonly altered = new Set<string>();

  open(): Outbox {
    return createOutbox({
      target: TARGET,
      transport: this.server.transport,
      client: this.client,
      databaseName: this.databaseName,
      autoSync: false,
    });
  }

  raw(id: string): Promise<OutboxRecord | undefined> {
    return this.store('readonly', (s) => promisifyRequest(s.get(`u:${id}`) as IDBRequest<OutboxRecord>));
  }

  put(r: OutboxRecord): Promise<unknown> {
    return this.store('readwrite', (s) => promisifyRequest(s.put(r, `u:${r.id}`)));
  }

  async check(): Promise<void> {
    const sent = new Set(this.server.requests.flat().map((e) => e.idempotencyKey));
    for (const id of this.removed) expect(sent.has(id), `removed ${id} was sent`).to.equal(false);
    for (const e of this.server.requests.flat())
      if (this.altered.has(e.idempotencyKey))
        expect(e.usage.childTickets, `altered ${e.idempotencyKey} was sent as changed`).to.equal(0);
    const attention = await this.outbox.needsAttention();
    for (const id of this.tampered)
      if (await this.raw(id))
        expect(attention.find((r) => r.id === id)?.problem?.code, id).to.equal('record-tampered');
  }
}

type Cmd = fc.AsyncCommand<object, World>;
const cmd = (name: string, run: (w: World) => Promise<void>): Cmd => ({
  check: () => true,
  run: async (_m, w) => {
    await run(w);
    await w.check();
  },
  toString: () => name,
});
const pick = <T>(list: readonly T[], i: number): T | undefined => list[i % Math.max(1, list.length)];

const enqueue = cmd('enqueue', async (w) => {
  const record = await w.outbox.enqueue(usage());
  w.confirmed.push(record.id);
  w.saved.set(record.id, (await w.raw(record.id))!);
});
const sync = (down: boolean) =>
  cmd(down ? 'sync (down)' : 'sync', async (w) => {
    w.down = down;
    await w.outbox.syncNow();
  });
const undo = (i: number) =>
  cmd(`undo ${i}`, async (w) => {
    const id = pick(w.confirmed, i);
    if (!id || w.removed.has(id) || w.undone.has(id)) return;
    const done = await w.outbox.voidUsage(id).catch((e: unknown) => e as OutboxError);
    if ('code' in done) {
      // Refused only as tampered: never because Kaikukanta is down (before: void-unverified, naming the record).
      expect([done.code, w.tampered.has(id)], done.message).to.deep.equal(['record-tampered', true]);
      return;
    }
    expect(w.tampered.has(id), `undid tampered ${id}`).to.equal(false);
    (done.kind === 'removed' ? w.removed : w.undone).add(id);
  });
const reload = cmd('reload', async (w) => {
  w.outbox.stop();
  w.outbox = w.open();
  await w.outbox.ready;
});
const putBack = (i: number) =>
  cmd(`put back ${i}`, async (w) => {
    const id = pick(w.confirmed, i);
    if (!id) return;
    await w.put(w.saved.get(id)!);
    // Unchanged since saved: the same record, not a replay (an altered one is whole again).
    if (
      JSON.stringify(await w.outbox.pending().then((p) => p.find((r) => r.id === id)?.seal)) !==
      JSON.stringify(w.saved.get(id)!.seal)
    )
      w.tampered.add(id);
    else if (w.altered.delete(id)) w.tampered.delete(id);
  });
const pointAt = (i: number, j: number) =>
  cmd(`point ${i} at ${j}`, async (w) => {
    const [a, b] = [pick(w.confirmed, i), pick(w.confirmed, j)];
    const [ra, rb] = a && b && a !== b ? [await w.raw(a), await w.raw(b)] : [];
    if (!ra || !rb?.usageId || ra.usageId === rb.usageId) return;
    await w.put({ ...ra, usageId: rb.usageId });
    w.tampered.add(a!);
  });
/** A waiting record's usage rewritten behind the outbox's back (more child tickets): refused, never sent as changed. */
const alter = (i: number) =>
  cmd(`alter ${i}`, async (w) => {
    const id = pick(w.confirmed, i);
    const r = id ? await w.raw(id) : undefined;
    if (!r || r.state !== 'pending' || w.tampered.has(r.id)) return;
    await w.put({ ...r, usage: { ...r.usage, childTickets: r.usage.childTickets + 2 } });
    w.tampered.add(r.id);
    w.altered.add(r.id);
  });

describe('undo through the outbox, as a model (issue 45)', () => {
  it('keeps its invariants under random sequences', async () => {
    const i = fc.nat(7);
    const commands = fc.commands(
      [
        fc.constant(enqueue),
        fc.constant(enqueue),
        fc.boolean().map(sync),
        i.map(undo),
        fc.constant(reload),
        i.map(putBack),
        fc.tuple(i, i).map(([a, b]) => pointAt(a, b)),
        i.map(alter),
      ],
      { maxCommands: 14 },
    );
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        const w = new World();
        try {
          await fc.asyncModelRun(() => ({ model: {}, real: w }), cmds);
          w.down = false;
          await w.outbox.syncNow();
          await w.outbox.syncNow();
          await w.check();
          const live = [...w.server.registered.keys()].filter((k) => !w.voided.has(k)).sort();
          const kept = w.confirmed.filter(
            (id) => !w.removed.has(id) && !w.undone.has(id) && !w.tampered.has(id),
          );
          // Tampered records are held (never sent afterwards); any of them sent before stays registered.
          const heldSent = w.confirmed.filter(
            (id) => w.tampered.has(id) && w.server.registered.has(id) && !w.voided.has(id),
          );
          expect(live).to.deep.equal([...new Set([...kept, ...heldSent])].sort());
          expect([...w.server.registered.values()].every((n) => n === 1)).to.equal(true);
        } finally {
          w.outbox.stop();
        }
      }),
      { numRuns: 25 },
    );
  });
});
