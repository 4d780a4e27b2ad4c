// The terminal's memory of what the registry answered (issue 45.1, 45.6): kept per show and card, a voided usage
// leaves it, and only an "already used" refusal is remembered.
import { describe, expect, it } from 'vitest';
import { Memory } from './memory.js';

const at = new Date('2030-02-01T12:00:00Z');
const used = { code: 'already-used', message: { fi: 'k', sv: 'k', en: 'used' } };
const full = { code: 'cap-reached', message: { fi: 't', sv: 't', en: 'full' } };

describe('Memory', () => {
  it('keeps usages per show and card; an undone one leaves, the others stay', () => {
    const m = new Memory();
    m.keep('s1', 'A1', { usage: { mode: 'booking', at }, handle: 'u1' });
    m.keep('s1', 'A1', { usage: { mode: 'collection', at }, handle: 'u2' });
    m.keep('s2', 'A1', { usage: { mode: 'booking', at }, handle: 'u3' });
    m.voided('u1');
    expect(m.earlier('s1', 'A1')).toEqual([{ mode: 'collection', at }]);
    expect(m.earlier('s2', 'A1')).toHaveLength(1);
    expect(m.earlier('s1', 'A2')).toEqual([]);
  });

  it('remembers an already-used refusal, not one that depends on the request or the tally', () => {
    const m = new Memory();
    m.keep('s1', 'A1', { refusal: [full] });
    expect(m.told('s1', 'A1')).toBeUndefined();
    m.keep('s1', 'A1', { refusal: [full, used] });
    expect(m.told('s1', 'A1')).toEqual([used]);
    expect(m.told('s2', 'A1')).toBeUndefined();
  });
});
