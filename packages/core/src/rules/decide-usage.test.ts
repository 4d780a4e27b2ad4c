import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { definePolicy } from '../policy/policies.js';
import { POLICY_2019, POLICY_2025 } from '../policy/policies.js';
import { decideUsage } from './decide-usage.js';
import type { DecideUsageInput, UsageDecision } from './usage-types.js';

const base: DecideUsageInput = {
  card: { id: 'A999005458', status: 'active', validUntil: '2026-01-09', minors: 2 },
  event: { kind: 'show', start: '2025-12-06T18:00:00+02:00', cap: 6, ticketsGiven: 0 },
  request: { mode: 'booking', childTickets: 0 },
  now: '2025-12-01T10:00:00+02:00',
};

const codes = (decision: UsageDecision): string[] => (decision.ok ? [] : decision.reasons.map((r) => r.code));

describe('decideUsage', () => {
  it('gives exactly one adult ticket per card, plus the children', () => {
    const decision = decideUsage({ ...base, request: { mode: 'booking', childTickets: 2 } });
    expect(decision).toEqual({
      ok: true,
      cardId: 'A999005458',
      tickets: { adult: 1, children: 2, groupMembers: 0, under16Clients: 0, total: 3 },
      groupMemberCardIds: [],
      countedAgainstCap: 3,
      coveredByBooking: 0,
      remainingAfter: 3,
      policyVersion: '2025',
    });
  });

  it('accepts Date objects for times and takes the API card record as it is', () => {
    const record = { ...base.card, prefix: 'A', kind: 'client', renewedAt: '2025-01-09' };
    const decision = decideUsage({
      ...base,
      card: record,
      event: { ...base.event, start: new Date('2025-12-06T16:00:00Z') },
      now: new Date('2025-12-01T08:00:00Z'),
    });
    expect(decision.ok).toBe(true);
  });

  it('counts children against the cap as a policy choice', () => {
    const input = {
      ...base,
      event: { ...base.event, cap: 6, ticketsGiven: 4 },
      request: { mode: 'booking', childTickets: 2 },
    } as const;
    expect(codes(decideUsage(input))).toEqual(['cap-exceeded']);
    const lenient = definePolicy({
      ...POLICY_2025,
      version: 'children-free',
      usage: { ...POLICY_2025.usage, childrenCountAgainstCap: false },
    });
    const decision = decideUsage({ ...input, policy: lenient });
    expect(decision).toMatchObject({
      ok: true,
      countedAgainstCap: 1,
      remainingAfter: 1,
      policyVersion: 'children-free',
    });
  });

  it('counts group members and under-16 clients as the policy says', () => {
    const group = {
      ...base,
      card: { ...base.card, id: 'Y110029399', minors: 0 },
      event: { ...base.event, cap: 3, ticketsGiven: 0 },
      request: { mode: 'booking', group: { memberCardIds: ['A999005461'], under16Clients: 2 } },
    } as const;
    expect(codes(decideUsage(group))).toEqual(['cap-exceeded']);
    const policy = definePolicy({
      ...POLICY_2025,
      usage: {
        ...POLICY_2025.usage,
        childrenCountAgainstCap: true,
        groupMembersCountAgainstCap: false,
        under16ClientsCountAgainstCap: false,
        voidWithinMinutes: 15,
      },
    });
    expect(decideUsage({ ...group, policy })).toMatchObject({
      ok: true,
      tickets: { adult: 1, children: 0, groupMembers: 1, under16Clients: 2, total: 4 },
      groupMemberCardIds: ['A999005461'],
      countedAgainstCap: 1,
    });
  });

  it('takes a policy by version, the request over the event', () => {
    const input = { ...base, event: { ...base.event, policyVersion: '2025' }, policy: '2019' };
    expect(decideUsage(input)).toMatchObject({ ok: true, policyVersion: POLICY_2019.version });
  });

  it('reports the card-id problem and still lists the other reasons', () => {
    const decision = decideUsage({ ...base, card: { ...base.card, id: 'E1234', status: 'inactive' } });
    expect(codes(decision)).toEqual(['card-id-invalid', 'card-inactive']);
    expect(decision.ok ? undefined : decision.reasons[0]?.params).toEqual({ cause: 'legacy-code' });
  });

  it('renders every reason in three languages with its parameters', () => {
    const decision = decideUsage({
      ...base,
      card: { ...base.card, validUntil: '2025-11-30' },
      event: { ...base.event, cap: 6, ticketsGiven: 5 },
      request: { mode: 'booking', childTickets: 3 },
    });
    expect(codes(decision)).toEqual(['card-expired', 'too-many-children', 'cap-exceeded']);
    if (decision.ok) return;
    expect(decision.reasons[0]?.message.fi).toBe('Kortti oli voimassa 30.11.2025 asti (tänään 1.12.2025).');
    expect(decision.reasons[1]?.params).toEqual({ requested: 3, registered: 2 });
    expect(decision.reasons[2]?.params).toEqual({ cap: 6, given: 5, requested: 4, remaining: 1 });
    expect(decision.reasons[2]?.message.sv).toContain('1');
  });

  it('shows window bounds in Helsinki time', () => {
    const decision = decideUsage({
      ...base,
      event: { ...base.event, collectionWindow: { opensBeforeStart: { minutes: 30 } } },
      request: { mode: 'collection' },
    });
    expect(decision.ok ? undefined : decision.reasons[0]).toMatchObject({
      code: 'collection-not-open',
      params: { opensAt: '6.12.2025 17.30' },
    });
  });

  it('lists invalid input by path, never by value', () => {
    const decision = decideUsage({
      ...base,
      card: { ...base.card, id: 42 as unknown as string, minors: -1 },
    });
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.reasons.map((r) => r.params)).toEqual([
      { path: 'card.id', problem: 'wrong-type' },
      { path: 'card.minors', problem: 'too-small' },
    ]);
    expect(decision.reasons[1]?.message).toEqual({
      fi: 'Kenttä `card.minors` on liian pieni.',
      sv: 'Fältet `card.minors` är för litet.',
      en: '`card.minors` is too small.',
    });
  });

  it('refuses an unknown or misspelt field by name, with the field it probably meant', () => {
    const misspelt = decideUsage({
      ...base,
      event: { kind: 'show', start: base.event.start, given: 9, cap: 10 } as never,
    });
    expect(misspelt.ok).toBe(false);
    if (misspelt.ok) return;
    expect(misspelt.reasons.map((r) => [r.code, r.params])).toEqual([
      ['unknown-field', { path: 'event.given', suggestion: 'ticketsGiven' }],
    ]);
    expect(misspelt.reasons[0]?.message).toEqual({
      fi: 'Tuntematon kenttä `event.given`. Tarkoititko `ticketsGiven`?',
      sv: 'Okänt fält `event.given`. Menade du `ticketsGiven`?',
      en: '`event.given` is not a field; did you mean `ticketsGiven`?',
    });
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ ...base, request: { mode: 'booking', children: 2 } }, 'request.children', 'childTickets'],
      [
        { ...base, request: { mode: 'collection', countedInTally: true } },
        'request.countedInTally',
        'alreadyCounted',
      ],
      [{ ...base, policyVersion: '2020' }, 'policyVersion', 'policy'],
      [{ ...base, show: base.event }, 'show', 'event'],
      [{ ...base, card: { ...base.card, Minors: 1 } }, 'card.Minors', 'minors'],
      [{ ...base, event: { ...base.event, zzz: 1 } }, 'event.zzz', undefined],
    ];
    for (const [input, path, suggestion] of cases) {
      const decision = decideUsage(input as unknown as DecideUsageInput);
      expect(decision.ok ? [] : decision.reasons.map((r) => r.params)).toEqual([
        { path, ...(suggestion ? { suggestion } : {}) },
      ]);
    }
  });

  it('never shows a validator code (invalid_type, invalid_value, …) in a message', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (card, event, request) => {
        const decision = decideUsage({ card, event, request, now: 'x' } as unknown as DecideUsageInput);
        expect(decision.ok).toBe(false);
        if (decision.ok) return;
        for (const reason of decision.reasons) {
          // Field names are the caller's own (`a_b` may well be one, backticks and all: fast-check found
          // "`a_a"); the rest of the text must be words.
          const params = reason.params as { path?: unknown; suggestion?: unknown } | undefined;
          const own = [params?.path, params?.suggestion].filter((v): v is string => typeof v === 'string');
          for (const text of Object.values(reason.message)) {
            const words = own.reduce((rest, name) => rest.split(`\`${name}\``).join(''), text);
            expect(words).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses instead of throwing on hostile input', () => {
    const hostile = { ...base };
    Object.defineProperty(hostile, 'card', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(codes(decideUsage(hostile))).toEqual(['invalid-input']);
    const badPolicy = { ...base, policy: { version: 'x' } as never };
    expect(decideUsage(badPolicy).ok).toBe(false);
  });

  it('never refuses fewer children when it allows more, nor a larger cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        (children, fewer, cap, given) => {
          const input = (c: number, k: number): DecideUsageInput => ({
            ...base,
            card: { ...base.card, minors: 4 },
            event: { ...base.event, cap: k, ticketsGiven: given },
            request: { mode: 'booking', childTickets: c },
          });
          if (decideUsage(input(children, cap)).ok) {
            expect(decideUsage(input(Math.min(children, fewer), cap)).ok).toBe(true);
            expect(decideUsage(input(children, cap + 1)).ok).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws and always gives a reason when it refuses', () => {
    const arbitraryInput = fc.oneof(
      fc.anything(),
      fc.record({
        card: fc.record({
          id: fc.oneof(fc.constantFrom('A999005458', 'Y110029399', 'Z000010669', 'E1234'), fc.string()),
          status: fc.constantFrom('active', 'inactive', 'use-ban', 'in-transfer', 'x'),
          validUntil: fc.constantFrom('2025-11-30', '2025-12-01', '2026-01-09', 'nope'),
          minors: fc.integer({ min: -1, max: 5 }),
        }),
        event: fc.record({
          kind: fc.constantFrom('show', 'course', 'festival', 'swimming-hall'),
          start: fc.constantFrom('2025-12-06T18:00:00+02:00', '2025-12-01T10:10:00Z', 'soon'),
          cap: fc.option(fc.integer({ min: -1, max: 8 })),
          ticketsGiven: fc.integer({ min: 0, max: 8 }),
          bookingWindow: fc.option(
            fc.record({ opensBeforeStart: fc.record({ days: fc.integer({ min: -3, max: 40 }) }) }),
            {
              nil: undefined,
            },
          ),
        }),
        request: fc.record({
          mode: fc.constantFrom('booking', 'collection', 'sale'),
          childTickets: fc.integer({ min: -1, max: 5 }),
          group: fc.option(
            fc.record({
              memberCardIds: fc.array(fc.oneof(fc.constantFrom('A999005461', 'Z000010669'), fc.string()), {
                maxLength: 4,
              }),
              under16Clients: fc.integer({ min: 0, max: 4 }),
            }),
            { nil: undefined },
          ),
        }),
        now: fc.date({ min: new Date('2025-01-01'), max: new Date('2027-01-01'), noInvalidDate: true }),
      }),
    );
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const decision = decideUsage(input as DecideUsageInput);
        if (decision.ok) {
          expect(decision.tickets.adult).toBe(1);
          expect(decision.tickets.total).toBe(
            1 + decision.tickets.children + decision.tickets.groupMembers + decision.tickets.under16Clients,
          );
        } else {
          expect(decision.reasons.length).toBeGreaterThanOrEqual(1);
          for (const reason of decision.reasons) expect(reason.message.en.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('a collection never puts the tally past the cap: only what goes beyond its booking counts, and must fit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('booking', 'collection'),
        (cap, given, children, booked, mode) => {
          const alreadyCounted = mode === 'collection' ? Math.min(booked, given) : 0;
          const decision = decideUsage({
            ...base,
            card: { ...base.card, minors: 4 },
            event: { ...base.event, cap, ticketsGiven: given },
            request: { mode, childTickets: children, alreadyCounted },
          });
          const asked = 1 + children;
          const covered = Math.min(alreadyCounted, asked);
          if (decision.ok) {
            expect(decision.coveredByBooking).toBe(covered);
            expect(decision.countedAgainstCap).toBe(asked - covered);
            if (asked > covered) expect(given + decision.countedAgainstCap).toBeLessThanOrEqual(cap);
          } else {
            // Refused only when the tickets beyond the booking do not fit.
            expect(asked - covered).toBeGreaterThan(Math.max(0, cap - given));
          }
        },
      ),
      { numRuns: 800 },
    );
  });

  it('refuses alreadyCounted on a booking (only a collection has a booking behind it)', () => {
    const decision = decideUsage({ ...base, request: { mode: 'booking', alreadyCounted: 1 } });
    expect(codes(decision)).toEqual(['invalid-input']);
  });
});
