// The ticket form's model, in Node: the bounds come from the rules, and a bound below the card's minors says why.
import { describe, expect, it } from 'vitest';
import { ticketModel } from './card-panel.js';
import type { CardView, Decision, ShowContext, TicketRequest } from '../services/types.js';

const show: ShowContext = { id: 's1', name: 'Uni', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 6 };
const card: CardView = {
  id: 'A045198723',
  kind: 'client',
  status: 'active',
  validUntil: '2030-05-31',
  minors: 2,
  fromCache: false,
};
const request: TicketRequest = { children: 0, groupCardIds: [], under16: 0 };
const capReason = { code: 'cap-exceeded', message: { fi: 'yläraja', sv: 'tak', en: 'cap' } };

/** Rules with `left` tickets under the cap: minors bound the children, then the cap. */
const rules =
  (left: number) =>
  (r: TicketRequest): Decision => {
    const total = 1 + r.children;
    if (r.children > card.minors)
      return { ok: false, reasons: [{ code: 'too-many-children', message: capReason.message }] };
    if (total > left) return { ok: false, reasons: [capReason] };
    return { ok: true, total, countedAgainstCap: total };
  };

describe('ticketModel', () => {
  it('children bounded by the cap below the minors: the cap is given as the reason', () => {
    const m = ticketModel(card, show, request, rules(2), undefined);
    expect(m.childMax).toBe(1);
    expect(m.childLimit).toEqual(capReason);
  });

  it('children bounded by the minors: no extra reason (the label says "at most 2")', () => {
    const m = ticketModel(card, show, request, rules(10), undefined);
    expect(m.childMax).toBe(2);
    expect(m.childLimit).toBeUndefined();
  });
});
