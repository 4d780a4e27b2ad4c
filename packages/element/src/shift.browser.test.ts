import { expect } from '@esm-bundle/chai';
import { sendKeys } from '../../../test/support/keys.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

// The shift panel: what this terminal did (counters today and per show, the usages), the clerk's settings.
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
} as const;

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.removeItem('kaiku-scanner:prefs');
});

async function mount(): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound terminal-name="Kassa 2" show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.services = createFakeServices({ cards, cap: { cap: 10, given: 4 } });
  document.body.append(host);
  await until(() => el.shadowRoot!.querySelector('[part="shift"]') !== null, {
    step: () => el.updateComplete,
  });
  return el;
}

const $ = <T extends HTMLElement>(el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<T>(s)!;
const $$ = (el: KaikuScanner, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];

async function read(el: KaikuScanner, id: string, register: boolean): Promise<void> {
  $<HTMLInputElement>(el, '#manual').focus();
  await sendKeys({ type: id });
  await sendKeys({ press: 'Enter' });
  await until(() => $$(el, '[part="tickets"], [part="refusal"]').length > 0, {
    step: () => el.updateComplete,
  });
  if (register) {
    await sendKeys({ press: 'ArrowUp' });
    await el.confirm();
    await until(() => $$(el, '[part="result"]').length > 0, { step: () => el.updateComplete });
  }
  el.reset();
  await el.updateComplete;
}

describe('the shift', () => {
  it('counts this terminal’s usages today and per show, lists them, and names the terminal', async () => {
    const el = await mount();
    await read(el, 'A045198723', true);
    await read(el, 'A999005458', false);
    await el.updateComplete;
    expect($(el, '[part="shift"] summary').textContent).to.contain('Kassa 2');
    const today = $$(el, '.shift-counts tbody tr')[0]!;
    const count = (row: HTMLElement, k: string) => row.querySelector(`[data-count="${k}"]`)!.textContent;
    expect(['adults', 'children', 'groups', 'refused', 'queued'].map((k) => count(today, k))).to.deep.equal([
      '1',
      '1',
      '0',
      '1',
      '0',
    ]);
    expect($(el, '.shift-counts caption').textContent).to.contain('Tämä pääte');
    expect($(el, '[data-registry]').textContent).to.contain('Kaikukannan laskuri');
    expect($$(el, '.shift-list li').map((li) => li.dataset.state)).to.deep.equal(['registered', 'refused']);
    expect($(el, '.shift-list').textContent).to.contain('A045198723');
  });

  it('privacy mode hides card IDs but their last four, everywhere on screen, and is remembered', async () => {
    const el = await mount();
    await read(el, 'A045198723', true);
    $<HTMLInputElement>(el, '[data-pref="privacy"]').click();
    await el.updateComplete;
    expect(JSON.parse(localStorage.getItem('kaiku-scanner:prefs')!)).to.deep.include({ privacy: true });
    expect($(el, '.shift-list').textContent).to.contain('••••••8723').and.not.contain('A045198723');
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="card-panel"]').length > 0, { step: () => el.updateComplete });
    expect(el.shadowRoot!.textContent).to.not.contain('A045198723');
    expect($(el, '#card-title').textContent).to.contain('8723');
    $<HTMLInputElement>(el, '[data-pref="privacy"]').click();
  });

  it('the clerk turns sound and vibration off from the panel', async () => {
    const el = await mount();
    $<HTMLInputElement>(el, '[data-pref="sound"]').click();
    $<HTMLInputElement>(el, '[data-pref="vibration"]').click();
    await el.updateComplete;
    expect(JSON.parse(localStorage.getItem('kaiku-scanner:prefs')!)).to.deep.equal({
      sound: false,
      vibration: false,
      privacy: false,
    });
    $<HTMLInputElement>(el, '[data-pref="sound"]').click();
    $<HTMLInputElement>(el, '[data-pref="vibration"]').click();
  });
});
