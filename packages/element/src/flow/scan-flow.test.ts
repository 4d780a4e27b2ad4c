// The look-up → tickets → register flow without a browser: the element's events, phases and cap, in Node.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScanFlow, type FlowHost } from './scan-flow.js';
import { RECHECK_MS } from './phase.js';
// The card actions load with the card panel, which the element starts loading as it connects: here, at once.
import './card-actions.js';
import { fi } from '../translations/fi.js';
import { CARD_TEXTS } from '../views/card-texts.js';
import { elementText } from '../messages/index.js';
import { formatterFor } from '../format.js';
import type { ViewContext } from '../views/view-context.js';
import type {
  CapState,
  CardView,
  LookupOutcome,
  RegisterOutcome,
  ScannerServices,
  ShowContext,
  UsageMode,
} from '../services/types.js';
import type { CardBooking } from '@kaiku-scanner/core/contract';
import { createFakeServices, type FakeOptions } from '../../../../test/support/element-fake-services.js';
import { until } from '../../../../test/support/until.js';
import { decideWithCore } from '../services/usage-mapping.js';

const show: ShowContext = { id: 's1', name: 'Uni', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 5 };
const cards: FakeOptions['cards'] = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
  Y110029399: { kind: 'community', status: 'active', validUntil: '2030-05-31', minors: 0 },
};
const view: ViewContext = {
  t: fi,
  fmt: formatterFor('fi'),
  text: (m) => m.fi,
  late: () => undefined,
  id: (c) => c,
};

function setUp(
  options: FakeOptions = {},
  services?: (fake: ScannerServices) => ScannerServices,
  mode: () => UsageMode = () => 'booking',
) {
  const fake = createFakeServices({ cards, ...options });
  const svc = services ? services(fake) : fake;
  const events: Event[] = [];
  const target = new EventTarget();
  const host: FlowHost = {
    services: () => svc,
    show: () => show,
    mode,
    dispatch: (e) => {
      events.push(e);
      return target.dispatchEvent(e);
    },
    changed: () => undefined,
    stopCamera: () => undefined,
    loadCardViews: () => Promise.resolve(),
    now: () => new Date('2030-02-01T12:00:00+02:00'),
  };
  const flow = new ScanFlow(host);
  const types = (): string[] => events.map((e) => e.type);
  return { flow, fake, target, types };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('ScanFlow', () => {
  it('a wedge duplicate of the card on screen: no second look-up, a calm notice; another card is looked up', async () => {
    const { flow, types } = setUp();
    flow.read('A045198723', 'wedge');
    await tick();
    expect(flow.phase.name).toBe('card');
    const before = types().length;
    flow.read('A045198723', 'wedge', true);
    await tick();
    expect(flow.phase.name).toBe('card');
    expect(types().length).toBe(before); // no kaiku-scan, no kaiku-card: nothing looked up again
    expect(flow.polite(view)).toBe(fi.alreadyRead('A045198723'));
    expect(flow.alert(view)).toBe('');
    // Registered, then the same card again: still no new registration prompt.
    await flow.confirm();
    expect(flow.phase.name).toBe('done');
    flow.read('A045198723', 'wedge', true);
    await tick();
    expect(flow.phase.name).toBe('done');
    // A duplicate flag for a card that is not the one on screen (the clerk went back) is a reading like any other.
    flow.reset();
    flow.read('A045198723', 'wedge', true);
    await tick();
    expect(flow.phase.name).toBe('card');
  });

  it('reads, looks up, registers and says so, with the element events in order', async () => {
    const { flow, fake, types } = setUp();
    flow.read('a045198723', 'manual');
    expect(flow.phase.name).toBe('looking-up');
    await tick();
    expect(flow.phase.name).toBe('card');
    flow.setRequest({ children: 2, groupCardIds: [], under16: 0 });
    await flow.confirm();
    expect(fake.registered.map((u) => u.request.children)).toEqual([2]);
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'registered', cardId: 'A045198723' });
    expect(flow.polite(view)).toBe('Kirjattu Kaikukantaan. Aikuisia 1, lapsia 2.');
    expect(types()).toEqual(['kaiku-scan', 'kaiku-card', 'kaiku-before-register', 'kaiku-usage-registered']);
  });

  it('registers once when a kaiku-before-register listener confirms again (re-entrancy)', async () => {
    const { flow, fake, target } = setUp();
    target.addEventListener('kaiku-before-register', () => void flow.confirm());
    flow.read('A045198723', 'manual');
    await tick();
    await Promise.all([flow.confirm(), flow.confirm()]);
    expect(fake.registered).toHaveLength(1);
  });

  it('a vetoed registration stays on the card and can be confirmed again', async () => {
    const { flow, fake, target } = setUp();
    let veto = true;
    target.addEventListener('kaiku-before-register', (e) => veto && e.preventDefault());
    flow.read('A045198723', 'manual');
    await tick();
    await flow.confirm();
    expect(fake.registered).toHaveLength(0);
    expect(flow.phase.name).toBe('card');
    expect(flow.alert(view)).toBe(CARD_TEXTS.vetoed.fi);
    veto = false;
    await flow.confirm();
    expect(fake.registered).toHaveLength(1);
  });

  it("counts a queued usage against the cap by the rules' countedAgainstCap, not by its own sum", async () => {
    let offline = false;
    const { flow } = setUp({ registerAs: 'queued' }, (fake) => ({
      ...fake,
      // Once offline, a refresh is still waiting for the network: the meter shows the flow's own estimate.
      capState: () =>
        offline ? new Promise<CapState>(() => undefined) : Promise.resolve({ cap: 5, given: 1 }),
      register: async (u) => {
        offline = true;
        return fake.register(u);
      },
      // The policy counts only part of the tickets (say, the card holder's): the meter must follow the rules.
      decide: (input) => {
        const d = fake.decide(input);
        return d.ok ? { ...d, countedAgainstCap: 1 } : d;
      },
    }));
    await flow.tally.refresh();
    flow.read('A045198723', 'manual');
    await tick();
    flow.setRequest({ children: 2, groupCardIds: [], under16: 0 });
    await flow.confirm();
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'queued' });
    expect(flow.capState).toEqual({ cap: 5, given: 2 });
  });

  it('a refused registration goes back to the card with the reasons and reports the code', async () => {
    const { flow, types } = setUp({ registerAs: 'refused' });
    flow.read('A045198723', 'manual');
    await tick();
    await flow.confirm();
    expect(flow.phase).toMatchObject({ name: 'card' });
    if (flow.phase.name === 'card') expect(flow.phase.blocking.map((r) => r.code)).toEqual(['cap-reached']);
    expect(types()).toContain('kaiku-error');
  });

  it('an inactive card is refused at once with every reason', async () => {
    const { flow } = setUp();
    flow.read('A999005458', 'manual');
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card' });
    if (flow.phase.name === 'card') expect(flow.phase.blocking.map((r) => r.code)).toEqual(['card-inactive']);
    expect(flow.alert(view)).toBe('Lippua ei voi antaa. reason:card-inactive');
  });

  it('a community card collects its group from readings; a duplicate is refused with its own code', async () => {
    const { flow } = setUp();
    flow.read('Y110029399', 'manual');
    await tick();
    flow.read('A045198723', 'wedge');
    flow.read('A045198723', 'wedge'); // read again while its look-up is under way: it waits, then is refused
    expect(flow.waiting).toBe('A045198723');
    await tick();
    expect(flow.phase).toMatchObject({ request: { groupCardIds: ['A045198723'] } });
    expect(flow.groupError?.code).toBe('group-duplicate');
    expect(flow.waiting).toBeUndefined();
  });

  it('looks up each group member as it is read: a member who cannot join is named with the reason, at once', async () => {
    const { flow, types } = setUp();
    flow.read('Y110029399', 'manual');
    await tick();
    // An inactive member: not added; the group form says which card and why.
    flow.read('A999005458', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card', request: { groupCardIds: [] } });
    expect(flow.groupError?.code).toBe('card-inactive');
    expect(flow.groupError?.message.fi).toBe('A999005458: reason:card-inactive');
    expect(flow.alert(view)).toBe('A999005458: reason:card-inactive');
    // An unregistered member: the same, with Kaikukanta's code.
    flow.submitMember('A000000018');
    await tick();
    expect(flow.groupError?.code).toBe('card-not-registered');
    expect(flow.groupError?.message.en).toBe('A000000018: not registered');
    expect(flow.phase).toMatchObject({ request: { groupCardIds: [] } });
    // A valid member joins, and the earlier error goes.
    flow.read('A045198723', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ request: { groupCardIds: ['A045198723'] } });
    expect(flow.groupError).toBeUndefined();
    // The member's refusal is reported to the host like the holder's (stage lookup).
    expect(types().filter((t) => t === 'kaiku-error')).toHaveLength(2);
    // The holder's card stays on screen throughout.
    expect(flow.phase).toMatchObject({ card: { id: 'Y110029399' } });
  });

  it('a member looked up without Kaikukanta joins marked as not verified; verified later, the mark goes', async () => {
    let offline = true;
    const { flow } = setUp({}, (fake) => ({
      ...fake,
      lookupCard: async (id) => {
        const got = await fake.lookupCard(id);
        return got.ok && offline ? { ok: true, card: { ...got.card, fromCache: true } } : got;
      },
    }));
    flow.read('Y110029399', 'manual');
    await tick();
    flow.read('A045198723', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ request: { groupCardIds: ['A045198723'] } });
    expect([...flow.unverified]).toEqual(['A045198723']);
    offline = false;
    flow.reset();
    flow.read('Y110029399', 'manual');
    await tick();
    flow.read('A045198723', 'wedge');
    await tick();
    expect([...flow.unverified]).toEqual([]);
  });

  it('a malformed reading on ready marks the field and reports an input error', () => {
    const { flow, types } = setUp();
    flow.read('E1234', 'manual');
    expect(flow.manualError?.code).toBe('bad-format');
    expect(flow.phase.name).toBe('ready');
    expect(types()).toEqual(['kaiku-error']);
  });

  it('a failed look-up is an error with a retry; any thrown value becomes a stable code', async () => {
    const { flow } = setUp({}, (fake) => ({
      ...fake,
      lookupCard: () => Promise.reject(new Error('A045198723 exploded')),
    }));
    flow.read('A045198723', 'manual');
    await until(() => flow.phase.name !== 'looking-up');
    expect(flow.phase).toMatchObject({ name: 'error', retryCardId: 'A045198723' });
    if (flow.phase.name === 'error') {
      expect(flow.phase.error.code).toBe('unexpected');
      // The raw message may hold a card ID: it is never shown.
      expect(JSON.stringify(flow.phase.error)).not.toContain('A045198723');
    }
  });

  it('follows a queued usage on screen until it is sent or refused later', async () => {
    const { flow, fake } = setUp({}, (fake) => ({
      ...fake,
      register: async (u): Promise<RegisterOutcome> => {
        await fake.register(u);
        return { kind: 'queued', reason: 'network', pending: 1, recordId: 'r1' };
      },
    }));
    flow.read('A045198723', 'manual');
    await tick();
    await flow.confirm();
    expect(flow.phase).toMatchObject({ outcome: 'queued', recordId: 'r1' });
    flow.sync.changed({ pending: 1, pendingIds: ['r1'], needsAttention: [] });
    expect(flow.phase).toMatchObject({ outcome: 'queued' });
    const reason = { code: 'card-expired', message: { fi: 'vanhentunut', sv: 'x', en: 'x' } };
    flow.sync.changed({
      pending: 0,
      pendingIds: [],
      needsAttention: [{ id: 'r1', cardId: 'A045198723', showName: 'Uni', reason }],
    });
    expect(flow.phase).toMatchObject({ outcome: 'refused-later', reason });
    expect(flow.alert(view)).toBe(`${fi.refusedLaterHeading}. vanhentunut`);
    expect(fake.registered).toHaveLength(1);
  });

  it('a tally refresh in flight while a usage is queued counts that usage once', async () => {
    // The server held 1 of 5; the usage is queued offline. A refresh that began before the usage was written and
    // ends while it is being written already counts it (the outbox adds its pending usages): the meter must not
    // add it a second time on top.
    let tally: CapState = { cap: 5, given: 1 };
    const answers: Array<(c: CapState) => void> = [];
    let enqueued!: () => void;
    const written = new Promise<void>((r) => (enqueued = r));
    const { flow } = setUp({}, (fake) => ({
      ...fake,
      capState: () => new Promise<CapState>((resolve) => answers.push(resolve)),
      register: async (u): Promise<RegisterOutcome> => {
        await fake.register(u);
        tally = { cap: 5, given: 2 }; // on disk: the outbox's tally now includes it
        enqueued();
        await tick();
        await tick();
        return { kind: 'queued', reason: 'network', pending: 1, recordId: 'r1' };
      },
    }));
    const first = flow.tally.refresh();
    answers.shift()!(tally);
    await first;
    expect(flow.capState).toEqual({ cap: 5, given: 1 });
    flow.read('A045198723', 'manual');
    await tick();
    answers.shift()!(tally); // the look-up's own refresh
    await tick();
    const inFlight = flow.tally.refresh(); // e.g. the outbox's change event while registering
    const confirmed = flow.confirm();
    await written;
    answers.shift()!(tally); // the refresh ends with the usage in its count, before the register returns
    await inFlight;
    await confirmed;
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'queued' });
    for (const answer of answers.splice(0)) answer(tally); // whatever refresh follows sees the same tally
    await tick();
    expect(flow.capState).toEqual({ cap: 5, given: 2 });
  });

  it("each look-up fetches the show's tally: another till's sales show before this customer's tickets", async () => {
    let given = 1;
    const { flow } = setUp({}, (fake) => ({ ...fake, capState: async () => ({ cap: 5, given }) }));
    await flow.tally.refresh();
    expect(flow.capState).toEqual({ cap: 5, given: 1 });
    given = 3; // the other till sold two
    flow.read('A045198723', 'manual');
    await tick();
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card' });
    expect(flow.capState).toEqual({ cap: 5, given: 3 });
  });

  it('a tally refresh that began before a registration never overwrites the newer count', async () => {
    const answers: Array<(c: CapState) => void> = [];
    const { flow } = setUp({}, (fake) => ({
      ...fake,
      capState: () => new Promise<CapState>((resolve) => answers.push(resolve)),
      register: async (u): Promise<RegisterOutcome> => {
        await fake.register(u);
        return { kind: 'registered', usageId: 'u1', cap: { cap: 5, given: 3 } };
      },
    }));
    flow.read('A045198723', 'manual');
    await tick();
    answers.shift()!({ cap: 5, given: 1 }); // the look-up's own refresh
    await tick();
    const stale = flow.tally.refresh(); // asked before the registration; the server answers late
    await flow.confirm();
    expect(flow.capState).toEqual({ cap: 5, given: 3 });
    answers.shift()!({ cap: 5, given: 2 });
    await stale;
    expect(flow.capState).toEqual({ cap: 5, given: 3 });
  });

  it('the same card for the same show again: the rules get its usage here and refuse it before anything is sent', async () => {
    const { flow, fake } = setUp();
    flow.read('A045198723', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card', blocking: [] });
    await flow.confirm();
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'registered' });
    flow.read('A045198723', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card', blocking: [{ code: 'already-used' }] });
    await flow.confirm();
    expect(fake.registered).toHaveLength(1);
    // Another card is not refused as already used (this one is inactive in the fake).
    flow.read('A999005458', 'wedge');
    await tick();
    expect(flow.phase).toMatchObject({ name: 'card', blocking: [{ code: 'card-inactive' }] });
  });

  describe('a booking to collect (issue 62)', () => {
    const tickets = { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 } as const;
    const agent: CardBooking = {
      by: 'lippupiste',
      channel: 'ticket-agent',
      at: '2030-01-20T10:00:00Z',
      tickets,
    };
    /** The fake's look-up with `booking` for the show it was asked about (and none without one). */
    const booked = (booking: CardBooking, mode: UsageMode) => {
      const asked: (string | undefined)[] = [];
      const set = setUp(
        {},
        (fake) => ({
          ...fake,
          decide: decideWithCore,
          async lookupCard(id, signal, showId) {
            asked.push(showId);
            const got = await fake.lookupCard(id, signal);
            return got.ok && showId === show.id ? { ...got, card: { ...got.card, booking } } : got;
          },
        }),
        () => mode,
      );
      return { ...set, asked };
    };

    it("an agent's booking at the door: offered with its children, collected (never booked again)", async () => {
      for (const mode of ['collection', 'booking'] as const) {
        const { flow, fake, asked } = booked(agent, mode);
        flow.read('A045198723', 'wedge');
        await tick();
        expect(asked).toEqual([show.id]);
        expect(flow.phase).toMatchObject({ name: 'card', blocking: [], request: { children: 2 } });
        expect(flow.rules.collecting((flow.phase as { card: CardView }).card)).toEqual(agent);
        expect(flow.polite(view)).toContain('Varannut lippupiste: luovuta');
        await flow.confirm();
        expect(fake.registered.map((u) => [u.mode, u.request.children])).toEqual([['collection', 2]]);
      }
    });

    it('collected already: refused as already used, when and where; a box-office sale in booking mode as before', async () => {
      const collected = { ...agent, collected: { at: '2030-01-31T17:00:00Z', terminal: 'Ovi 2' } };
      const { flow, fake } = booked(collected, 'collection');
      flow.read('A045198723', 'wedge');
      await tick();
      expect(flow.phase).toMatchObject({ name: 'card', blocking: [{ code: 'already-used' }] });
      const said = (flow.phase as unknown as { blocking: { message: { en: string } }[] }).blocking[0]!.message
        .en;
      expect(said).toMatch(/\(31\.1\.2030 19:00, Ovi 2\)/);
      await flow.confirm();
      expect(fake.registered).toEqual([]);
      // The venue's own box-office sale read in booking mode: the existing rules (the server refuses it at confirm).
      const own = booked({ ...agent, by: 'teatteri-hilla', channel: 'box-office' }, 'booking');
      own.flow.read('A045198723', 'wedge');
      await tick();
      expect(own.flow.phase).toMatchObject({ name: 'card', blocking: [], request: { children: 0 } });
      await own.flow.confirm();
      expect(own.fake.registered.map((u) => u.mode)).toEqual(['booking']);
    });
  });

  it('Esc drops the card; on ready there is nothing to drop', async () => {
    const { flow } = setUp();
    expect(flow.escape()).toBe(false);
    flow.read('A045198723', 'manual');
    await tick();
    expect(flow.escape()).toBe(true);
    expect(flow.phase.name).toBe('ready');
  });

  describe('a reading that comes while a step runs is never dropped silently', () => {
    /** Look-ups and registrations that wait for the test to let them answer. */
    function slow() {
      const gates: Array<() => void> = [];
      const gate = (): Promise<void> => new Promise((r) => gates.push(r));
      const env = setUp({}, (fake) => ({
        ...fake,
        lookupCard: async (id) => (await gate(), fake.lookupCard(id)),
        register: async (u) => (await gate(), fake.register(u)),
      }));
      const open = async (): Promise<void> => {
        gates.shift()!();
        await tick();
      };
      return { ...env, open, gates };
    }

    it('read during a look-up: it waits, the screen says so, and it is looked up right after', async () => {
      const { flow, types, open } = slow();
      flow.read('A045198723', 'wedge');
      flow.read('A999005458', 'camera');
      expect(flow.phase).toMatchObject({ name: 'looking-up', cardId: 'A045198723' });
      expect(flow.waiting).toBe('A999005458');
      expect(flow.polite(view)).toBe(fi.nextWaiting('5458'));
      expect(types()).toEqual(['kaiku-scan']); // the waiting one is announced when it is taken up
      await open();
      expect(flow.phase).toMatchObject({ name: 'looking-up', cardId: 'A999005458' });
      expect(flow.waiting).toBeUndefined();
      await open();
      expect(flow.phase).toMatchObject({ name: 'card', card: { id: 'A999005458' } });
      expect(types()).toEqual(['kaiku-scan', 'kaiku-card', 'kaiku-scan', 'kaiku-card']);
    });

    it('a newer reading replaces the waiting one: the replaced card is said aloud and reported', async () => {
      const { flow, target, open } = slow();
      const errors: Array<{ code: string; cardId?: string }> = [];
      target.addEventListener('kaiku-error', (e) => errors.push((e as CustomEvent).detail));
      flow.read('A045198723', 'wedge');
      flow.read('A999005458', 'manual');
      flow.read('A999005458', 'wedge'); // the same card again: nothing replaced
      expect(errors).toEqual([]);
      flow.read('Y110029399', 'api');
      expect(errors).toEqual([{ code: 'reading-replaced', stage: 'input', cardId: 'A999005458' }]);
      expect(flow.alert(view)).toBe(elementText('reading-replaced', { tail: '5458' }).fi);
      expect(flow.waiting).toBe('Y110029399');
      await open();
      await open();
      expect(flow.phase).toMatchObject({ name: 'card', card: { id: 'Y110029399' } });
    });

    it('read during a registration: the registration ends as it began, then the card is looked up', async () => {
      const { flow, fake, open } = slow();
      flow.read('A045198723', 'wedge');
      await open();
      const confirmed = flow.confirm();
      expect(flow.phase.name).toBe('registering');
      flow.read('A999005458', 'wedge');
      void flow.confirm(); // a second Enter while it runs: ignored
      expect(flow.waiting).toBe('A999005458');
      await open();
      await confirmed;
      expect(fake.registered.map((u) => u.cardId)).toEqual(['A045198723']);
      expect(flow.phase).toMatchObject({ name: 'looking-up', cardId: 'A999005458' });
      await open();
      expect(flow.phase).toMatchObject({ name: 'card', card: { id: 'A999005458' } });
    });

    it('Enter while a member is looked up waits for it: the member is part of this usage', async () => {
      const { flow, fake, open } = slow();
      flow.read('Y110029399', 'wedge');
      await open();
      flow.read('A045198723', 'wedge');
      const confirmed = flow.confirm();
      await open(); // the member joins
      await open(); // the registration
      await confirmed;
      expect(fake.registered.map((u) => u.request.groupCardIds)).toEqual([['A045198723']]);
    });
  });

  describe('a card decided without Kaikukanta is verified when it answers again', () => {
    afterEach(() => vi.useRealTimers());

    /** Kaikukanta away (`reachable = false`: a cached record) or back (its own record), counting look-ups. */
    function offlineThenBack() {
      const state = { reachable: false, lookups: 0 };
      const env = setUp({}, (fake) => ({
        ...fake,
        async lookupCard(cardId): Promise<LookupOutcome> {
          state.lookups++;
          if (state.reachable) return fake.lookupCard(cardId);
          return {
            ok: true,
            // Yesterday's record from the terminal's cache: active then.
            card: {
              id: cardId,
              kind: 'client',
              status: 'active',
              validUntil: '2030-05-31',
              minors: 0,
              fromCache: true,
            },
          };
        },
      }));
      return { ...env, state };
    }

    it('online again: the card on screen updates in place, the tickets chosen stay, nothing is registered', async () => {
      const { flow, fake, types, state } = offlineThenBack();
      flow.read('A045198723', 'wedge');
      await until(() => flow.phase.name === 'card');
      expect(flow.sync.facts(true, true).connection).toBe('unreachable');
      flow.takeFocus(); // the element moved focus to the form
      flow.setRequest({ children: 0, groupCardIds: ['A999005458'], under16: 0 });
      state.reachable = true;
      await flow.online();
      await until(() => flow.phase.name === 'card' && !flow.phase.card.fromCache);
      expect(flow.phase).toMatchObject({
        card: { status: 'active', minors: 2 },
        blocking: [],
        request: { groupCardIds: ['A999005458'] },
      });
      expect(flow.polite(view)).toBe('Kortti A045198723: Aktiivinen');
      expect(flow.sync.facts(true, true).connection).not.toBe('unreachable');
      expect(flow.takeFocus()).toBe(false); // the form keeps its focus
      expect(types()).toEqual(['kaiku-scan', 'kaiku-card', 'kaiku-card']);
      expect(fake.registered).toEqual([]);
      // Verified once: no more look-ups for it.
      await flow.recheck();
      expect(state.lookups).toBe(2);
    });

    it('refused by Kaikukanta when it answers: the reasons replace the form and are said aloud', async () => {
      const { flow, state } = offlineThenBack();
      flow.read('A999005458', 'wedge'); // inactive in Kaikukanta
      await until(() => flow.phase.name === 'card');
      expect(flow.phase).toMatchObject({ blocking: [] });
      state.reachable = true;
      await flow.recheck();
      expect(flow.phase).toMatchObject({ name: 'card', blocking: [{ code: 'card-inactive' }] });
      expect(flow.alert(view)).toContain('reason:card-inactive');
    });

    it('not registered in Kaikukanta when it answers: the refusal', async () => {
      const { flow, state } = offlineThenBack();
      flow.read('A000000001', 'wedge');
      await until(() => flow.phase.name === 'card');
      state.reachable = true;
      await flow.recheck();
      expect(flow.phase).toMatchObject({
        name: 'error',
        refusal: true,
        error: { code: 'card-not-registered' },
      });
    });

    it('a sync that gets through verifies it at once', async () => {
      const { flow, fake, state } = offlineThenBack();
      fake.setOutbox({ pending: 1, pendingIds: ['r1'], needsAttention: [] });
      flow.sync.changed({ pending: 1, pendingIds: ['r1'], needsAttention: [] });
      flow.read('A045198723', 'wedge');
      await until(() => flow.phase.name === 'card');
      state.reachable = true;
      flow.sync.changed({ pending: 0, pendingIds: [], needsAttention: [] });
      await until(() => flow.phase.name === 'card' && !flow.phase.card.fromCache);
    });

    it('tried again every few seconds while it is on screen, and not after the clerk moved on', async () => {
      vi.useFakeTimers();
      const { flow, state } = offlineThenBack();
      flow.read('A045198723', 'wedge');
      await vi.advanceTimersByTimeAsync(0);
      expect(flow.phase.name).toBe('card');
      expect(state.lookups).toBe(1);
      await vi.advanceTimersByTimeAsync(RECHECK_MS);
      expect(state.lookups).toBe(2); // still away: tried again later
      await vi.advanceTimersByTimeAsync(RECHECK_MS);
      expect(state.lookups).toBe(3);
      flow.reset();
      await vi.advanceTimersByTimeAsync(RECHECK_MS * 3);
      expect(state.lookups).toBe(3);
    });

    it('an answer that comes after the clerk registered is dropped: nothing registered twice', async () => {
      const { flow, fake, state } = offlineThenBack();
      flow.read('A045198723', 'wedge');
      await until(() => flow.phase.name === 'card');
      state.reachable = true;
      const late = flow.recheck();
      await flow.confirm();
      await late;
      expect(flow.phase).toMatchObject({ name: 'done' });
      expect(fake.registered).toHaveLength(1);
    });
  });
});
