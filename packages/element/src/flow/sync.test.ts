// The sync status as one consistent statement, over every combination of what the terminal knows (issues 18, 30).
import { describe, expect, it } from 'vitest';
import { connectionOf, storageDown, syncBadges, SyncFollow, type SyncFacts } from './sync.js';
import { cannotKeep } from '../services/storage-health.js';
import { followOutbox, statusChanges } from './outbox-follow.js';
import type { Connection, OutboxState, ScannerServices, StorageHealth } from '../services/types.js';
import { Screen } from './screen.js';
import { CARD_STEPS } from './card-steps.js';
import { KaikuErrorEvent, KaikuSyncEvent } from '../events.js';

const base: SyncFacts = {
  online: true,
  connection: 'ok',
  configured: true,
  known: true,
  pending: 0,
  needsAttention: 0,
  storage: 'ok',
};
const say = (facts: Partial<SyncFacts>): string[] =>
  syncBadges({ ...base, ...facts }).map((b) => `${b.kind}:${b.tone}`);

describe('storageDown', () => {
  // Every health, by type: a value added to `StorageHealth` and not here does not compile.
  const healths: Record<StorageHealth, true> = {
    ok: true,
    'not-persisted': true,
    unavailable: true,
    unwritable: true,
    unknown: true,
  };
  it("is the services' `cannotKeep` (the first download cannot import theirs): the same for every health", () => {
    const says = (down: (h: StorageHealth) => boolean) =>
      (Object.keys(healths) as StorageHealth[]).filter(down);
    expect(says(storageDown)).toEqual(says(cannotKeep));
    expect(says(storageDown)).toEqual(['unavailable', 'unwritable']);
  });
});

describe('syncBadges', () => {
  it.each<[string, Partial<SyncFacts>, string[]]>([
    ['online, signed in, nothing waits', {}, ['all-sent:ok']],
    ['the outbox not read yet', { known: false }, []],
    // Issue 30: before anything answered (the first second of a shift) nothing is green.
    ['Kaikukanta not asked yet', { connection: 'unknown' }, ['unknown:neutral']],
    ['offline, nothing waits: neutral, not green', { online: false }, ['offline:neutral']],
    ['offline, 2 queued', { online: false, pending: 2 }, ['offline:warn', 'pending:warn']],
    [
      'offline, 1 needs attention',
      { online: false, needsAttention: 1 },
      ['offline:neutral', 'attention:warn'],
    ],
    ['Kaikukanta not answering, nothing waits', { connection: 'unreachable' }, ['unreachable:neutral']],
    [
      'Kaikukanta not answering, 1 queued',
      { connection: 'unreachable', pending: 1 },
      ['unreachable:warn', 'pending:warn'],
    ],
    ['sign-in refused', { connection: 'signed-out' }, ['auth:danger']],
    ['sign-in refused, 3 queued', { connection: 'signed-out', pending: 3 }, ['auth:danger', 'pending:warn']],
    ['storage blocked', { storage: 'unavailable' }, ['no-storage:danger']],
    [
      'storage unwritable, signed out',
      { storage: 'unwritable', connection: 'signed-out' },
      ['auth:danger', 'no-storage:danger'],
    ],
    [
      'storage the browser may clear: said in its notice, not here',
      { storage: 'not-persisted' },
      ['all-sent:ok'],
    ],
    ['2 queued online', { pending: 2 }, ['pending:warn']],
    // Issue 61: kept in the register under another terminal name, never sent.
    ['register usages not sent', { unsent: [{ terminal: 'Kassa 1', open: 2 }] }, ['unsent:warn']],
    ['1 needs attention', { needsAttention: 1 }, ['attention:warn']],
    ['queued and needs attention', { pending: 1, needsAttention: 2 }, ['pending:warn', 'attention:warn']],
    ['no API', { configured: false }, ['not-configured:danger']],
    ['no API, offline', { configured: false, online: false }, ['not-configured:danger']],
    ['offline while signed out', { online: false, connection: 'signed-out' }, ['offline:neutral']],
  ])('%s', (_name, facts, expected) => {
    expect(say(facts)).toEqual(expected);
  });

  // Every combination: the statement never contradicts itself.
  const combos: SyncFacts[] = [];
  const connections: Connection[] = ['unknown', 'ok', 'unreachable', 'signed-out'];
  const storages: StorageHealth[] = ['ok', 'not-persisted', 'unavailable', 'unwritable'];
  for (const online of [true, false])
    for (const connection of connections)
      for (const configured of [true, false])
        for (const known of [true, false])
          for (const pending of [0, 2])
            for (const needsAttention of [0, 1])
              for (const storage of storages)
                combos.push({ online, connection, configured, known, pending, needsAttention, storage });

  it.each(combos.map((c) => [JSON.stringify(c), c] as const))('consistent: %s', (_name, c) => {
    const kinds = syncBadges(c).map((b) => b.kind);
    const allSent =
      c.configured &&
      c.online &&
      c.connection === 'ok' &&
      c.known &&
      (c.storage === 'ok' || c.storage === 'not-persisted') &&
      !c.pending &&
      !c.needsAttention;
    expect(kinds.includes('all-sent')).toBe(allSent);
    // Green stands alone: never beside a connection problem, a waiting usage or one needing attention.
    if (kinds.includes('all-sent')) expect(kinds).toEqual(['all-sent']);
    // One word about the connection at most.
    expect(
      kinds.filter((k) => ['not-configured', 'offline', 'unreachable', 'auth', 'unknown'].includes(k)).length,
    ).toBeLessThanOrEqual(1);
    if (!c.configured) expect(kinds).toEqual(['not-configured']);
    else {
      expect(kinds.includes('offline')).toBe(!c.online);
      expect(kinds.includes('pending')).toBe(c.pending > 0);
      expect(kinds.includes('attention')).toBe(c.needsAttention > 0);
    }
  });
});

describe('connectionOf and statusChanges', () => {
  const state = (o: Partial<OutboxState>): OutboxState => ({ pending: 0, needsAttention: [], ...o });
  /** What the flow asks: the changes, the connection said as the status row says it. */
  const changes = (before: OutboxState | undefined, after: OutboxState) =>
    statusChanges(before, after, connectionOf);

  it('a refused sign-in wins; a card decided from the cache means no answer; silent services are unknown', () => {
    expect(connectionOf(state({ authFailure: 'http-401', connection: 'ok' }), false)).toBe('signed-out');
    expect(connectionOf(state({ connection: 'ok' }), true)).toBe('unreachable');
    expect(connectionOf(state({}), false)).toBe('unknown');
  });

  it('the host hears the start state, each failure once, and nothing when nothing changed', () => {
    const start = changes(undefined, state({ connection: 'signed-out', authFailure: 'http-401' }));
    expect(start.sync).toEqual({
      pending: 0,
      needsAttention: 0,
      connection: 'signed-out',
      storage: 'ok',
      lost: 0,
      conflicts: 0,
    });
    expect(start.errors).toEqual([{ code: 'http-401', stage: 'sync' }]);
    const same = state({ connection: 'signed-out', authFailure: 'http-401' });
    expect(changes(same, same)).toEqual({ sync: undefined, errors: [] });
    const blocked = changes(undefined, state({ connection: 'ok', storage: 'unavailable', lost: 2 }));
    expect(blocked.errors).toEqual([
      { code: 'storage-unavailable', stage: 'sync' },
      { code: 'storage-evicted', stage: 'sync' },
    ]);
    expect(blocked.sync).toMatchObject({ storage: 'unavailable', lost: 2 });
    // A card admitted twice reaches the host as a count, and a count seen goes back down.
    const twice = { id: 'r', cardId: 'A045198723', showName: 'S', at: '2030-03-01T17:00:00.000Z' };
    const told = changes(same, { ...same, conflicts: [twice] });
    expect(told).toMatchObject({ sync: { conflicts: 1 }, errors: [] });
    expect(changes({ ...same, conflicts: [twice] }, same).sync).toMatchObject({ conflicts: 0 });
  });
});

describe("SyncFollow: the outbox's changes wait for the follower's code", () => {
  const state = (pending: number): OutboxState => ({ pending, needsAttention: [] });

  it('a failed load is said once for the changes queued meanwhile; the next load takes them all, in order', async () => {
    const events: Event[] = [];
    // The follower's code comes with the card actions, and so do the card's steps (a queued usage on screen).
    const screen = new (class extends Screen {
      protected override get cardSteps() {
        return CARD_STEPS;
      }
    })({
      services: () => ({}) as ScannerServices,
      show: () => undefined,
      mode: () => 'booking',
      dispatch: (e) => events.push(e) > 0,
      changed: () => undefined,
      stopCamera: () => undefined,
      loadCardViews: () => Promise.resolve(),
    });
    let fail = true;
    let loaded = false;
    const code = {
      get: () => (loaded ? { followOutbox } : undefined),
      load: () =>
        fail
          ? Promise.reject(new Error('offline'))
          : Promise.resolve({ followOutbox }).finally(() => (loaded = true)),
    };
    const sync = new SyncFollow(screen, () => undefined, code);
    sync.changed(state(1));
    sync.changed(state(2));
    sync.changed(state(3));
    await new Promise((r) => setTimeout(r, 0));
    const failures = events.filter(
      (e) => e instanceof KaikuErrorEvent && e.detail.code === 'element-load-failed',
    );
    expect(failures.length).toBe(1);
    expect(events.some((e) => e instanceof KaikuSyncEvent)).toBe(false);
    fail = false;
    sync.changed(state(0));
    await new Promise((r) => setTimeout(r, 0));
    const pending = events.flatMap((e) => (e instanceof KaikuSyncEvent ? [e.detail.pending] : []));
    expect(pending).toEqual([1, 2, 3, 0]);
  });
});
