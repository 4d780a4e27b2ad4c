// The undo action in the flow, in Node: what it undoes, the result after it, a failure shown with the result kept.
import { describe, expect, it } from 'vitest';
import { ScanFlow, type FlowHost } from './scan-flow.js';
// The card actions load with the card panel, which the element starts loading as it connects: here, at once.
import './card-actions.js';
import { fi } from '../translations/fi.js';
import { formatterFor } from '../format.js';
import type { ViewContext } from '../views/view-context.js';
import type { ScannerServices, ShowContext } from '../services/types.js';
import { createFakeServices } from '../../../../test/support/element-fake-services.js';
import type { KaikuUsageVoidedEvent } from '../events.js';
import { ApiProblemError } from '@kaiku-scanner/core';
import { makeProblem } from '@kaiku-scanner/core/contract';

const show: ShowContext = { id: 's1', name: 'Uni', start: '2030-03-01T19:00:00+02:00', kind: 'show', cap: 5 };
const view: ViewContext = {
  t: fi,
  fmt: formatterFor('fi'),
  text: (m) => m.fi,
  late: () => undefined,
  id: (cardId) => cardId,
};

function setUp(voidUsage: ScannerServices['voidUsage']) {
  const fake = createFakeServices({
    cards: { A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 } },
  });
  const svc: ScannerServices = { ...fake, register: fake.register.bind(fake), voidUsage };
  const events: Event[] = [];
  const host: FlowHost = {
    services: () => svc,
    show: () => show,
    mode: () => 'booking',
    dispatch: (e) => (events.push(e), true),
    changed: () => undefined,
    stopCamera: () => undefined,
    loadCardViews: () => Promise.resolve(),
    now: () => new Date('2030-02-01T12:00:00+02:00'),
  };
  return { flow: new ScanFlow(host), events };
}

async function registered(flow: ScanFlow): Promise<string> {
  flow.read('A045198723', 'manual');
  await new Promise((r) => setTimeout(r, 0));
  await flow.confirm();
  const p = flow.phase;
  if (p.name !== 'done' || p.outcome !== 'registered' || !p.usageId)
    throw new Error(`not registered: ${p.name}`);
  return p.usageId;
}

describe('Undo', () => {
  it('undoes the usage on the result screen by its usageId, says so, and fires kaiku-usage-voided', async () => {
    const asked: string[] = [];
    const { flow, events } = setUp(async (id) => (asked.push(id), 'voided'));
    const id = await registered(flow);
    expect(flow.undo?.target).toBe(id);
    await flow.undo?.shown();
    expect(asked).toEqual([id]);
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'voided' });
    expect(flow.undo?.target).toBeUndefined(); // nothing left to undo
    expect(flow.polite(view)).toContain('Käyttö peruttu');
    const voided = events.find((e) => e.type === 'kaiku-usage-voided') as KaikuUsageVoidedEvent;
    expect(voided.detail).toEqual({ usageId: id, cardId: 'A045198723', outcome: 'voided' });
  });

  it('a refused undo keeps the result, shows why and reports it (stage void)', async () => {
    const reasons = [{ code: 'void-window-closed', params: { closesAt: '1.2.2030 12.15' } }];
    const refusal = new ApiProblemError(makeProblem(422, 'void-window-closed', 'Closed', { reasons }));
    const { flow, events } = setUp(() => Promise.reject(refusal));
    await registered(flow);
    await flow.undo?.shown();
    expect(flow.phase).toMatchObject({
      name: 'done',
      outcome: 'registered',
      undoError: { code: 'void-window-closed' },
    });
    expect(flow.alert(view)).toContain(
      `Käyttöä ei peruttu. Käyttöä ei voi enää perua: perumisaika päättyi 1.2.2030 klo 12.15.`,
    );
    const error = events.find((e) => e.type === 'kaiku-error') as CustomEvent;
    expect(error.detail).toMatchObject({ code: 'void-window-closed', stage: 'void', cardId: 'A045198723' });
    expect(events.some((e) => e.type === 'kaiku-usage-voided')).toBe(false);
  });

  it('a voided usage leaves the memory: the card read again is offered the tickets, not "already used" (45.1)', async () => {
    const { flow } = setUp(async () => 'voided');
    await registered(flow);
    await flow.undo?.shown();
    flow.read('A045198723', 'manual');
    await new Promise((r) => setTimeout(r, 0));
    await flow.confirm();
    expect(flow.phase).toMatchObject({ name: 'done', outcome: 'registered' });
  });

  it('offers no undo when the services cannot undo', async () => {
    const { flow } = setUp(undefined);
    await registered(flow);
    expect(flow.undo?.target).toBeUndefined();
  });
});
