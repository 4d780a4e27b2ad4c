import { describe, expect, it } from 'vitest';
import { ShowSchema } from '../schemas/api-request.js';
import { ShowConfigSchema } from '../schemas/show-config.js';
import { decideUsage } from './decide-usage.js';
import { checkShowSettings, toApiShow, toUsageEvent } from './show-event.js';

const show = {
  id: 'hilla-1',
  name: 'Taikuri Matti',
  kind: 'show',
  start: '2026-02-03T18:00:00+02:00',
  seats: 120,
  cap: 6,
  visitingProducer: false,
  bookingWindow: { opensBeforeStart: { months: 1 } },
  collectionWindow: { opensBeforeStart: { minutes: 30 } },
  policyVersion: '2020',
} as const;

describe('toUsageEvent', () => {
  it('carries every setting of ShowConfigSchema, so a new setting needs no other edit', () => {
    const event = toUsageEvent(show, { ticketsGiven: 2 });
    expect(Object.keys(event).sort()).toEqual(
      [...Object.keys(ShowConfigSchema.shape), 'ticketsGiven'].sort(),
    );
    expect(event).toEqual({ ...show, ticketsGiven: 2 });
  });

  it('leaves unset settings out and lets the tally cap replace the setting', () => {
    const event = toUsageEvent({ kind: 'course', start: show.start, cap: 2 }, { ticketsGiven: 1, cap: null });
    expect(event).toEqual({ kind: 'course', start: show.start, cap: null, ticketsGiven: 1 });
  });

  it('never copies keys the rules do not know (they would be refused)', () => {
    const host = { ...show, label: 'x' } as typeof show;
    expect(toUsageEvent(host, { ticketsGiven: 0 })).not.toHaveProperty('label');
  });

  it('feeds decideUsage: the setting that applies reaches the decision', () => {
    const decision = decideUsage({
      card: { id: 'A999005458', status: 'active', validUntil: '2026-12-31', minors: 0 },
      event: toUsageEvent(show, { ticketsGiven: 6 }),
      request: { mode: 'booking' },
      now: '2026-02-01T10:00:00+02:00',
    });
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.reasons.map((r) => r.code)).toEqual(['cap-reached']);
  });
});

describe('toApiShow', () => {
  it('keeps exactly the keys of the contract Show that are set', () => {
    expect(toApiShow(show)).toEqual({
      id: 'hilla-1',
      name: 'Taikuri Matti',
      kind: 'show',
      start: show.start,
      seats: 120,
      cap: 6,
    });
    expect(Object.keys(toApiShow(show)).every((k) => k in ShowSchema.shape)).toBe(true);
  });

  it('leaves a null cap (no cap) out', () => {
    expect(toApiShow({ ...show, cap: null })).not.toHaveProperty('cap');
  });
});

describe('checkShowSettings', () => {
  it('accepts the settings and refuses a misspelt one by name, with the setting it meant', () => {
    expect(checkShowSettings(show)).toMatchObject({ ok: true });
    const result = checkShowSettings({ kind: 'show', start: show.start, Cap: 6, capacity: 40 });
    expect(result.ok ? [] : result.reasons.map((r) => [r.code, r.params])).toEqual([
      ['unknown-field', { path: 'Cap', suggestion: 'cap' }],
      ['unknown-field', { path: 'capacity', suggestion: 'seats' }],
    ]);
    expect(checkShowSettings({ kind: 'show' })).toMatchObject({
      ok: false,
      reasons: [{ code: 'invalid-input', params: { path: 'start', problem: 'missing' } }],
    });
  });
});
