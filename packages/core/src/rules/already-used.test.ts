import { describe, expect, it } from 'vitest';
import { definePolicy } from '../policy/policies.js';
import { POLICY_2025 } from '../policy/policies.js';
import { readServerReason } from '../messages/server-reason.js';
import { UsageRequestSchema } from '../schemas/api-request.js';
import { checkedParams } from '../api/problem-details.js';
import { decideUsage } from './decide-usage.js';
import type { DecideUsageInput, UsageDecision } from './usage-types.js';

const base: DecideUsageInput = {
  card: { id: 'A999005458', status: 'active', validUntil: '2026-01-09', minors: 2 },
  event: { kind: 'show', start: '2025-12-06T18:00:00+02:00', cap: 6, ticketsGiven: 1 },
  request: { mode: 'booking', childTickets: 0 },
  now: '2025-12-06T17:00:00+02:00',
};
const booked = { mode: 'booking', at: '2025-12-01T10:15:00+02:00', terminal: 'Kassa 1' } as const;
const collected = { mode: 'collection', at: '2025-12-06T16:42:00Z', terminal: 'Kassa 2' } as const;
const refusal = (decision: UsageDecision) => (decision.ok ? undefined : decision.reasons);

describe('already used for this show (one usage per card and show)', () => {
  it('refuses a second booking and names the earlier one: when (Helsinki time) and where', () => {
    const reasons = refusal(decideUsage({ ...base, earlierUsages: [booked] }));
    expect(reasons).toEqual([
      {
        code: 'already-used',
        params: { at: '2025-12-01T08:15:00.000Z', terminal: 'Kassa 1' },
        message: {
          fi: 'Kortilla on jo lippu tähän tapahtumaan (1.12.2025 klo 10.15, Kassa 1).',
          sv: 'Kortet har redan en biljett till det här evenemanget (1.12.2025 kl. 10.15, Kassa 1).',
          en: 'This card already has a ticket for this event (1.12.2025 10:15, Kassa 1).',
        },
      },
    ]);
  });

  it('lets a collection hand out its own booking: booked, then collected, is one usage', () => {
    const collection = { ...base, request: { mode: 'collection', alreadyCounted: 1 } } as const;
    expect(decideUsage({ ...collection, earlierUsages: [booked] })).toMatchObject({ ok: true });
  });

  it('refuses a second collection and a sale after a collection, naming the latest usage', () => {
    const again = { ...base, request: { mode: 'collection' }, earlierUsages: [booked, collected] } as const;
    expect(refusal(decideUsage(again))?.map((r) => [r.code, r.params, r.message.fi])).toEqual([
      [
        'already-used',
        { at: '2025-12-06T16:42:00.000Z', terminal: 'Kassa 2' },
        'Kortilla on jo lippu tähän tapahtumaan (6.12.2025 klo 18.42, Kassa 2).',
      ],
    ]);
    const walkIn = {
      ...base,
      earlierUsages: [{ mode: 'collection', at: new Date('2025-12-06T16:42:00Z') }],
    } as const;
    expect(refusal(decideUsage(walkIn))?.map((r) => [r.params, r.message.en])).toEqual([
      [
        { at: '2025-12-06T16:42:00.000Z' },
        'This card already has a ticket for this event (6.12.2025 18:42).',
      ],
    ]);
  });

  it('applies to every kind of show by default and to the kinds the policy names', () => {
    const course = { ...base, event: { ...base.event, kind: 'course' }, earlierUsages: [booked] } as const;
    expect(refusal(decideUsage(course))?.map((r) => r.code)).toEqual(['already-used']);
    const policy = definePolicy({
      ...POLICY_2025,
      version: 'exhibitions-repeat',
      usage: { ...POLICY_2025.usage, oncePerShow: ['show'] },
    });
    expect(decideUsage({ ...course, policy })).toMatchObject({ ok: true });
    expect(decideUsage({ ...base, earlierUsages: [booked], policy }).ok).toBe(false);
  });

  it('refuses a malformed earlier usage naming the field, never accepting it silently', () => {
    const bad = { ...base, earlierUsages: [{ mode: 'booking', at: 'yesterday', terminal: 'x'.repeat(41) }] };
    expect(refusal(decideUsage(bad as unknown as DecideUsageInput))?.map((r) => r.params)).toEqual([
      { path: 'earlierUsages.0.at', problem: 'bad-format' },
      { path: 'earlierUsages.0.terminal', problem: 'too-large' },
    ]);
  });

  it('renders a server reason with an unreadable time without the time, never with a hole', () => {
    const reason = readServerReason({ code: 'already-used', params: { at: 'soon', terminal: 'Kassa 2' } });
    expect(reason.message.fi).toBe('Kortilla on jo lippu tähän tapahtumaan (Kassa 2).');
    expect(readServerReason({ code: 'already-used', params: {} }).message.en).toMatch(/cannot show why/);
  });

  it("takes the usage request's terminal name (≤ 40 characters, nothing hidden) and refuses it by name", () => {
    const usage = {
      venueId: 'teatteri-hilla',
      show: { id: 's1', name: 'Taikuri Matti', start: '2025-12-06T18:00:00+02:00', kind: 'show' },
      cardId: 'A999005458',
      childTickets: 0,
      channel: 'box-office',
      mode: 'booking',
      clientTime: '2025-12-06T16:00:00Z',
    };
    expect(UsageRequestSchema.safeParse({ ...usage, terminal: 'Kassa 2' }).success).toBe(true);
    expect(UsageRequestSchema.safeParse({ ...usage, terminal: 'Lipunmyynti (ylä-aula)' }).success).toBe(true);
    for (const terminal of ['x'.repeat(41), '', 'Kassa\u202e2', 7, 'Kassa 2024', 'A045198723']) {
      const parsed = UsageRequestSchema.safeParse({ ...usage, terminal });
      expect(parsed.error?.issues.map((i) => i.path)).toEqual([['terminal']]);
    }
  });

  it("keeps a server's terminal name, but never a card ID or free text posing as one", () => {
    const at = '2025-12-06T16:42:00.000Z';
    expect(checkedParams({ at, terminal: 'Kassa 2' })).toEqual({ at, terminal: 'Kassa 2' });
    expect(checkedParams({ at, terminal: 'Lipunmyynti (ylä-aula)' }).terminal).toBe('Lipunmyynti (ylä-aula)');
    for (const terminal of ['A045198723', 'Kassa A999005458', 'Kassa '.repeat(7), 'Kassa\n2', '<b>', ''])
      expect(checkedParams({ at, terminal })).toEqual({ at });
    expect(checkedParams({ at, note: 'Kassa 2' })).toEqual({ at });
  });
});
