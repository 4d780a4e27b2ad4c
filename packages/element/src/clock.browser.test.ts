import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';

// The device's clock changed under the terminal (issue 61.8): set back, it re-opens no undo after the window; a day
// ahead and back, the shift's list is still there. The test moves the page's two clocks: the wall clock (`Date`)
// and the monotonic one (`performance.now`); a reload starts the monotonic one from the wall clock again.

const MIN = 60_000;
const RealDate = Date;
const realNow = performance.now.bind(performance);
/**
 * Both clocks start at noon of today in Helsinki: the shift's day (the venue's) does not turn under a test that moves
 * them 20 minutes, as it did at 23:52 there (the list emptied, the clock was right).
 */
const NOON = (() => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Helsinki',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(new RealDate());
  const at = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return ((12 - at('hour')) * 60 - at('minute')) * MIN;
})();
const shift = { wall: NOON, mono: NOON };
const wallNow = () => RealDate.now() + shift.wall;

before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
  globalThis.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) =>
      Reflect.construct(target, args.length > 0 ? args : [wallNow()], newTarget) as object,
    get: (target, key, receiver) => (key === 'now' ? wallNow : Reflect.get(target, key, receiver)),
  });
  Object.defineProperty(performance, 'now', { configurable: true, value: () => realNow() + shift.mono });
});

after(() => {
  globalThis.Date = RealDate;
  delete (performance as { now?: unknown }).now;
});

afterEach(() => {
  [shift.wall, shift.mono] = [NOON, NOON];
  document.body.innerHTML = '';
});

/** Time goes on `minutes` on both clocks. */
const pass = (minutes: number) => ((shift.wall += minutes * MIN), (shift.mono += minutes * MIN));

const $ = (el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: KaikuScanner, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const step = (el: KaikuScanner) => () => (el.requestUpdate(), el.updateComplete);

async function mount(attributes: string, services?: KaikuScanner['services']): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound terminal-name="Kassa 1" show-id="s1"
    show-name="Uni" show-start="2030-03-01T19:00:00+02:00" ${attributes}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  if (services) el.services = services;
  document.body.append(host);
  await until(() => $(el, '[part="shift"]') !== null, { step: step(el) });
  return el;
}

/** Looks the card up and confirms one adult ticket; leaves the result on screen. */
async function sell(el: KaikuScanner, cardId: string): Promise<void> {
  el.submitCardId(cardId);
  await until(() => $(el, '[part="confirm-button"]') !== null, { step: step(el) });
  await el.confirm();
  await until(() => $(el, '[part="result"]') !== null, { step: step(el) });
}

/** The result screen's undo, clicked: the code it was refused with, or `undone`. */
async function undo(el: KaikuScanner): Promise<string> {
  $(el, '[part="undo-button"]')!.click();
  const said = () =>
    $(el, '[part="undo-error"]')?.dataset.code ??
    ($(el, '[part="result"]')?.dataset.outcome === 'voided' ? 'undone' : undefined);
  await until(() => said() !== undefined, { step: step(el) });
  return said()!;
}

describe('registry="none": undo under a clock set back', () => {
  let venues = 0;
  const register = () => `registry="none" venue-id="clock-${RealDate.now()}-${venues++}"`;

  it('set back within the page, after the window: still refused (the page’s monotonic clock went on)', async () => {
    const el = await mount(register());
    await sell(el, 'A045198723');
    pass(20);
    shift.wall -= 20 * MIN; // the wall clock reads the usage's own time again
    expect(await undo(el)).to.equal('void-window-closed');
    expect($(el, '[part="result"]')!.dataset.outcome).to.equal('recorded');
  });

  it('set back to before the usage (e.g. then reloaded): refused, saying the clock is behind, in words', async () => {
    const el = await mount(register());
    await sell(el, 'A045198723');
    [shift.wall, shift.mono] = [NOON - 60 * MIN, NOON - 60 * MIN]; // as after a reload: both clocks an hour behind
    expect(await undo(el)).to.equal('void-clock-behind');
    expect($(el, '[part="undo-error"]')!.textContent).to.contain('laitteen kello on jäljessä');
    expect($(el, '[part="result"]')!.dataset.outcome).to.equal('recorded');
  });

  it('within the window, the clock set back a little within the page: undone', async () => {
    const el = await mount(register());
    await sell(el, 'A045198723');
    pass(5);
    shift.wall -= 30 * MIN;
    expect(await undo(el)).to.equal('undone');
  });
});

describe('the shift under clock changes (API mode)', () => {
  const BASE = 'https://api.example.test';
  const key = `kaiku-scanner:shift ${JSON.stringify([BASE, 'clock', 'Kassa 1'])}`;
  const cards = {
    A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 0 },
  } as const;
  const api = () =>
    mount(`base-url="${BASE}" venue-id="clock"`, {
      ...createFakeServices({ cards, cap: { cap: 10, given: 0 } }),
      voidUsage: async () => 'voided' as const,
    });
  afterEach(() => localStorage.removeItem(key));

  it('the list offers no undo after the window when the clock is set back', async () => {
    const el = await api();
    await sell(el, 'A045198723');
    await until(() => $$(el, '.shift-list [data-undo]').length === 1, { step: step(el) });
    pass(20);
    shift.wall -= 20 * MIN;
    await until(() => $$(el, '.shift-list [data-undo]').length === 0, { step: step(el) });
    expect($$(el, '.shift-list li')).to.have.length(1);
  });

  it('a day ahead lists that day’s (none), deletes nothing; set back, today’s list is there again', async () => {
    const first = await api();
    await sell(first, 'A045198723');
    await until(() => $$(first, '.shift-list li').length === 1, { step: step(first) });
    document.body.innerHTML = '';
    shift.wall += 24 * 60 * MIN; // a day ahead, then a reload
    const ahead = await api();
    expect($$(ahead, '.shift-list li')).to.have.length(0);
    document.body.innerHTML = '';
    shift.wall = NOON; // set back, then a reload
    const back = await api();
    await until(() => $$(back, '.shift-list li').length === 1, { step: step(back) });
    expect($$(back, '.shift-list li')[0]!.dataset.state).to.equal('registered');
  });
});
