/**
 * The register's promises, on the in-memory store a vendor's backend would be: every usage leaves exactly once —
 * in one export or one hand-over, never both, never twice — whatever the order of recording, undo, export and
 * hand-over (random sequences); a shared store counts two terminals together; undo closes with the void window.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importSalesReport } from '../reports/import-sales-report.js';
import type { UsageRequest } from '../schemas/api.js';
import { createRegister, type RegisterRecord, type RegisterStore } from './create-register.js';
import { memoryRegisterStore } from './memory-register-store.test-support.js';

const CARDS = ['A045198723', 'A999005458', 'A999005429', 'X000011986', 'A999005461'];
const usage = (cardId: string, showId: string, day = 9): UsageRequest => ({
  venueId: 'teatteri-hilla',
  show: {
    id: showId,
    name: `Esitys ${showId}`,
    start: `2020-02-${String(day).padStart(2, '0')}T18:30:00+02:00`,
    kind: 'show',
  },
  cardId,
  childTickets: cardId === 'A045198723' ? 2 : 0,
  channel: 'box-office',
  mode: 'booking',
  clientTime: '2020-02-01T10:00:00+02:00',
});

/** The card IDs of an exported CSV, read back by the import's own reader. */
async function cardsOf(bytes: Uint8Array): Promise<string[]> {
  const text = new TextDecoder().decode(bytes);
  return text
    .split('\r\n')
    .slice(2)
    .map((line) => line.split(';')[0]!)
    .filter((cell) => /^[A-Z]{1,2}\d{4,}$/.test(cell));
}

function adopter() {
  const adopted: RegisterRecord[] = [];
  return {
    adopted,
    scope: { api: 'https://kaikukanta.example/api/' },
    adopt: async (r: RegisterRecord) => void adopted.push(r),
  };
}

describe('createRegister', () => {
  it('refuses options that cannot name a terminal, and a usage for another venue', async () => {
    expect(() => createRegister({ venueId: 'v', terminal: '' })).toThrow(/terminal/);
    expect(() => createRegister({ venueId: 'v', terminal: 'x'.repeat(41) })).toThrow(/terminal/);
    expect(() => createRegister({ venueId: 'v', terminal: 'K', bogus: 1 } as never)).toThrow(/bogus/);
    const register = createRegister({ venueId: 'other', terminal: 'Kassa 1', store: memoryRegisterStore() });
    await expect(register.record(usage('A999005458', 's'))).rejects.toMatchObject({
      code: 'target-mismatch',
    });
  });

  it('every usage leaves once: in one export or one hand-over, never both (random sequences)', async () => {
    const action = fc.oneof(
      fc.record({
        kind: fc.constant('record' as const),
        card: fc.constantFrom(...CARDS),
        show: fc.constantFrom('a', 'b'),
      }),
      fc.record({ kind: fc.constant('undo' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('export' as const), show: fc.constantFrom(undefined, 'a', 'b') }),
      fc.record({ kind: fc.constant('handOver' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { maxLength: 25 }), async (actions) => {
        let now = Date.parse('2020-02-01T10:00:00+02:00');
        const register = createRegister({
          venueId: 'teatteri-hilla',
          terminal: 'Kassa 1',
          store: memoryRegisterStore(),
          now: () => now,
        });
        const outbox = adopter();
        const kept = new Set<string>();
        const exported: string[] = [];
        for (const a of actions) {
          now += 60_000;
          if (a.kind === 'record') {
            const used = (await register.usages()).some(
              (r) => r.usage.cardId === a.card && r.usage.show.id === a.show,
            );
            const recording = register.record(usage(a.card, a.show));
            if (used) await expect(recording).rejects.toMatchObject({ code: 'already-used' });
            else kept.add((await recording).id);
          } else if (a.kind === 'undo') {
            const open = await register.usages({ open: true });
            const chosen = open[a.pick % Math.max(1, open.length)];
            if (chosen) {
              await register.voidUsage(chosen.id);
              kept.delete(chosen.id);
            }
          } else if (a.kind === 'export') {
            const file = await register.export({ format: 'csv', ...(a.show ? { showId: a.show } : {}) });
            exported.push(...(await register.usages()).filter((r) => r.exportedAt === now).map((r) => r.id));
            expect(file.usages).toBe((await cardsOf(file.bytes)).length);
          } else await register.handOver(outbox);
        }
        await register.export({ format: 'csv' });
        const all = await register.usages();
        const sent = outbox.adopted.map((r) => r.id);
        // Nothing twice, nothing both ways, and everything kept has left one way.
        expect(new Set(sent).size).toBe(sent.length);
        expect(sent.filter((id) => all.find((r) => r.id === id)?.exportedAt !== undefined)).toEqual([]);
        expect(all.filter((r) => r.exportedAt === undefined && !r.handover?.done)).toEqual([]);
        expect(new Set(all.map((r) => r.id))).toEqual(kept);
        expect(exported.filter((id) => sent.includes(id))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('one card, one usage per show: two registers racing on one store record it once', async () => {
    const store = memoryRegisterStore();
    const tabs = ['Kassa 1', 'Kassa 1'].map((terminal) =>
      createRegister({ venueId: 'teatteri-hilla', terminal, store }),
    );
    const raced = await Promise.allSettled(tabs.map((tab) => tab.record(usage('A999005458', 'a'))));
    expect(raced.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = raced.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({
      code: 'already-used',
      params: { at: '2020-02-01T08:00:00.000Z', terminal: 'Kassa 1' },
    });
    expect(await tabs[0]!.usages()).toHaveLength(1);
    // Another show, or collecting a booking, is a usage of its own; a second collection is not.
    await tabs[1]!.record(usage('A999005458', 'b'));
    await tabs[1]!.record({ ...usage('A999005458', 'a'), mode: 'collection' });
    await expect(tabs[0]!.record({ ...usage('A999005458', 'a'), mode: 'collection' })).rejects.toMatchObject({
      code: 'already-used',
    });
    expect(await tabs[0]!.usages()).toHaveLength(3);
  });

  it('a second export repeats nothing unless asked; the file names the terminal and reads back', async () => {
    const register = createRegister({
      venueId: 'teatteri-hilla',
      terminal: 'Kassa 2',
      store: memoryRegisterStore(),
      now: () => Date.parse('2020-02-01T10:00:00+02:00'),
    });
    await register.record(usage('A045198723', 'a'));
    await register.record(usage('A999005458', 'b', 12));
    const day = await register.export({ format: 'csv', from: '2020-02-09', to: '2020-02-09' });
    expect(await cardsOf(day.bytes)).toEqual(['A045198723']);
    // Named with the export's Helsinki time, so "download again" can name the file a usage went into.
    expect(day.fileName).toBe(
      'kaikukortti-teatteri-hilla-kassa-2-2020-02-09-2020-02-09-2020-02-01-100000.csv',
    );
    expect(new TextDecoder().decode(day.bytes)).toContain('teatteri-hilla · pääte Kassa 2');
    const rest = await register.export({ format: 'csv' });
    expect(await cardsOf(rest.bytes)).toEqual(['A999005458']);
    expect((await register.export({ format: 'csv' })).usages).toBe(0);
    const again = await register.export({ format: 'csv', again: true });
    expect(await cardsOf(again.bytes)).toEqual(['A045198723', 'A999005458']);
    const checked = await importSalesReport(again.bytes, { venueId: 'teatteri-hilla', dryRun: true });
    expect(checked.counts).toMatchObject({ valid: 2, invalid: 0 });
  });

  it('a shared store counts two terminals together and exports each usage once', async () => {
    const shared = memoryRegisterStore();
    const one = createRegister({ venueId: 'teatteri-hilla', terminal: 'Kassa 1', store: shared });
    const two = createRegister({ venueId: 'teatteri-hilla', terminal: 'Kassa 2', store: shared });
    await one.record(usage('A045198723', 'a'));
    await two.record(usage('A999005458', 'a'));
    expect(await one.tally('a')).toEqual({ usages: 2, ticketsGiven: 4 });
    expect((await two.usages()).map((r) => [r.usage.cardId, r.usage.terminal])).toEqual([
      ['A045198723', 'Kassa 1'],
      ['A999005458', 'Kassa 2'],
    ]);
    expect((await two.export({ format: 'csv' })).usages).toBe(2);
    expect((await one.export({ format: 'csv' })).usages).toBe(0);
  });

  it('undo within the window only, and never after the export', async () => {
    let now = Date.parse('2020-02-01T10:00:00+02:00');
    const register = createRegister({
      venueId: 'teatteri-hilla',
      terminal: 'K',
      store: memoryRegisterStore(),
      now: () => now,
    });
    const a = await register.record(usage('A045198723', 'a'));
    const b = await register.record(usage('A999005458', 'a'));
    now += 24 * 60 * 60_000;
    await expect(register.voidUsage(a.id)).rejects.toMatchObject({ code: 'void-window-closed' });
    await register.export({ format: 'csv' });
    await expect(register.voidUsage(b.id)).rejects.toMatchObject({ code: 'void-exported' });
    await expect(register.voidUsage('nope')).rejects.toMatchObject({ code: 'record-not-found' });
    now += 8 * 24 * 60 * 60_000;
    expect(await register.purge()).toBe(2);
  });

  it('undo is one atomic step: an export or hand-over landing between its read and its write wins', async () => {
    for (const other of ['export', 'handOver'] as const) {
      let race: (() => Promise<unknown>) | undefined;
      // After any read or update of the store resolves, the other action runs whole: the slot a two-step undo leaves.
      const inner = memoryRegisterStore();
      const after = async <T>(result: T): Promise<T> => {
        const run = race;
        race = undefined;
        await run?.();
        return result;
      };
      const store: RegisterStore = {
        put: (r) => inner.put(r),
        list: async () => after(await inner.list()),
        update: async (ids, change) => after(await inner.update(ids, change)),
        remove: (ids) => inner.remove(ids),
      };
      const now = () => Date.parse('2020-02-01T10:00:00+02:00');
      const register = createRegister({ venueId: 'teatteri-hilla', terminal: 'K', store, now });
      const { id } = await register.record(usage('A045198723', 'a'));
      const outbox = adopter();
      let file: string[] = [];
      race = async () => {
        if (other === 'handOver') await register.handOver(outbox);
        else file = await cardsOf((await register.export({ format: 'csv' })).bytes);
      };
      const undone = await register.voidUsage(id).catch((e: { code: string }) => e.code);
      const left = [...file, ...outbox.adopted.map((r) => r.usage.cardId)];
      // Before: 'removed', and the usage in the file or on its way all the same.
      expect({ undone, left }).toEqual(
        undone === 'removed' ? { undone, left: [] } : { undone: 'void-exported', left: ['A045198723'] },
      );
      expect(race).toBe(undefined); // the other action did run
    }
  });

  it('marks nothing until the file is written and handed over; "again" writes that file by its name', async () => {
    let now = Date.parse('2020-02-01T10:00:00+02:00');
    const register = createRegister({
      venueId: 'teatteri-hilla',
      terminal: 'K',
      store: memoryRegisterStore(),
      now: () => now,
    });
    const a = await register.record(usage('A045198723', 'a'));
    const exported = async () => (await register.usages()).filter((r) => r.exportedAt !== undefined);
    // The writer fails (as when its chunk cannot load): before, every usage was marked with no file anywhere.
    await expect(register.export({ format: 'pdf' as 'csv' })).rejects.toMatchObject({
      code: 'report-options-invalid',
    });
    expect(await exported()).toEqual([]);
    const refused = new Error('download refused');
    const save = (file: { fileName: string }) => {
      throw Object.assign(refused, { file });
    };
    await expect(register.export({ format: 'csv', save })).rejects.toBe(refused);
    expect(await exported()).toEqual([]);
    expect(await register.voidUsage(a.id)).toBe('removed'); // still open: undo works
    await register.record(usage('A999005458', 'a'));
    const saved: string[] = [];
    const first = await register.export({ format: 'csv', save: (f) => void saved.push(f.fileName) });
    now += 60_000;
    await register.record(usage('X000011986', 'a'));
    const second = await register.export({ format: 'xlsx' });
    expect(saved).toEqual([first.fileName]);
    expect((await exported()).map((r) => r.exportedTo)).toEqual([first.fileName, second.fileName]);
    const again = await register.export({ format: 'csv', again: first.fileName });
    expect([again.fileName, await cardsOf(again.bytes)]).toEqual([first.fileName, ['A999005458']]);
    expect((await exported()).map((r) => r.exportedAt)).toEqual([now - 60_000, now]); // nothing marked again
    // A name no kept usage went into (a stale list, a file purged): refused, not an empty file under that name.
    const unknown = register.export({ format: 'xlsx', again: first.fileName.replace('.csv', '.xlsx') });
    await expect(unknown).rejects.toMatchObject({ code: 'export-file-unknown' });
  });

  it('a record whose seal failed is never exported, handed over, undone or purged', async () => {
    let now = Date.parse('2020-02-01T10:00:00+02:00');
    const store = memoryRegisterStore();
    const register = createRegister({ venueId: 'teatteri-hilla', terminal: 'K', store, now: () => now });
    await register.record(usage('A045198723', 'a'));
    const edited = await register.record(usage('A999005458', 'a'));
    // As the device store reads a record edited in storage, or forged from nothing (`record-tampered`).
    const tampered = { state: 'needs-attention', problem: { code: 'record-tampered' } } as const;
    store.records.set(edited.id, {
      ...edited,
      ...tampered,
      usage: { ...edited.usage, cardId: 'A999991234' },
    });
    const forged = { ...edited, ...tampered, id: 'forged-1', handover: { api: 'x', at: 0, done: false } };
    store.records.set(forged.id, forged);
    await expect(register.voidUsage(edited.id)).rejects.toMatchObject({ code: 'record-tampered' });
    const file = await register.export({ format: 'csv' });
    expect(await cardsOf(file.bytes)).toEqual(['A045198723']); // before: A999991234 too
    const outbox = adopter();
    await register.handOver({ ...outbox, scope: { api: 'x' } });
    expect(outbox.adopted).toEqual([]); // before: the forged record, handed over and re-sealed
    now += 30 * 24 * 60 * 60_000;
    await register.purge();
    expect((await register.usages()).map((r) => r.problem?.code)).toEqual([
      'record-tampered',
      'record-tampered',
    ]);
  });
});
