import { describe, expect, it } from 'vitest';
import { CapSettingInputSchema } from './show-config.js';
import { CalendarDateSchema, InstantSchema, TimeWindowSchema } from './show-config.js';
import { ShowConfigSchema, UsageEventSchema } from './show-config.js';
import { DecideUsageInputSchema, TicketRequestSchema, UsageCardSchema } from './usage-input.js';

describe('rules input schemas', () => {
  it('accept instants only with an offset', () => {
    expect(InstantSchema.safeParse('2026-03-01T18:00:00+02:00').success).toBe(true);
    expect(InstantSchema.safeParse('2026-03-01T16:00:00Z').success).toBe(true);
    expect(InstantSchema.safeParse(new Date('2026-03-01T16:00:00Z')).success).toBe(true);
    expect(InstantSchema.safeParse('2026-03-01T18:00:00').success).toBe(false);
    expect(InstantSchema.safeParse(new Date('nope')).success).toBe(false);
    expect(CalendarDateSchema.safeParse('2026-02-30').success).toBe(false);
  });

  it('read a card record with the four Kaikukanta statuses and its own extra fields, nothing else', () => {
    for (const status of ['active', 'inactive', 'use-ban', 'in-transfer']) {
      expect(
        UsageCardSchema.safeParse({ id: 'A999005458', status, validUntil: '2026-01-09', minors: 0 }).success,
      ).toBe(true);
    }
    const parsed = UsageCardSchema.parse({
      id: 'A1',
      status: 'active',
      validUntil: '2026-01-09',
      minors: 1,
      kind: 'client',
    });
    expect(parsed).toEqual({
      id: 'A1',
      status: 'active',
      validUntil: '2026-01-09',
      minors: 1,
      kind: 'client',
    });
    expect(
      UsageCardSchema.safeParse({ id: 'A1', status: 'active', validUntil: '2026-01-09', minors: 0, minor: 1 })
        .success,
    ).toBe(false);
    expect(
      UsageCardSchema.safeParse({ id: 'A1', status: 'Aktiivinen', validUntil: '2026-01-09', minors: 0 })
        .success,
    ).toBe(false);
    expect(
      UsageCardSchema.safeParse({ id: 'A1', status: 'active', validUntil: '9.1.2026', minors: 0 }).success,
    ).toBe(false);
  });

  it('fill defaults for show state and requests', () => {
    const event = UsageEventSchema.parse({ kind: 'show', start: '2026-03-01T18:00:00+02:00' });
    expect(event.ticketsGiven).toBe(0);
    const request = TicketRequestSchema.parse({ mode: 'booking', group: {} });
    expect(request).toEqual({
      mode: 'booking',
      childTickets: 0,
      alreadyCounted: 0,
      group: { memberCardIds: [], under16Clients: 0 },
    });
    expect(TicketRequestSchema.safeParse({ mode: 'sale' }).success).toBe(false);
  });

  it('validate show configs, windows and cap settings', () => {
    expect(
      ShowConfigSchema.safeParse({
        name: 'Taikuri Matti',
        kind: 'show',
        start: '2020-02-03T18:00:00+02:00',
        seats: 120,
        cap: null,
        bookingWindow: { opensBeforeStart: { months: 1 } },
        collectionWindow: { opensBeforeStart: { minutes: 30 }, closesAt: '2020-02-03T18:15:00+02:00' },
        policyVersion: '2020',
      }).success,
    ).toBe(true);
    expect(TimeWindowSchema.safeParse({ opensBeforeStart: { months: 1.5 } }).success).toBe(false);
    expect(CapSettingInputSchema.safeParse({ capacity: 10, cap: 1, kind: 'course' }).success).toBe(true);
    expect(CapSettingInputSchema.safeParse({ capacity: -1, cap: 1, kind: 'course' }).success).toBe(false);
    expect(DecideUsageInputSchema.safeParse({}).success).toBe(false);
  });
});
