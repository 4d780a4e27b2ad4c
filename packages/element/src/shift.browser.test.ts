import { expect } from '@esm-bundle/chai';
import { sendKeys } from '../../../test/support/keys.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { KaikuError } from '@kaiku-scanner/core/base';
import { createFakeServices, reason } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';

// The shift panel: what this terminal did (counters today and per show, the usages), the clerk's settings.
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
} as const;

// The lazily loaded chunks first: the file's first mount is not a test of the test server's speed.
before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.removeItem('kaiku-scanner:prefs');
});

async function mount(
  setUp = (el: KaikuScanner) =>
    void (el.services = createFakeServices({ cards, cap: { cap: 10, given: 4 } })),
): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound terminal-name="Kassa 2" show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  setUp(el);
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
  it('its summary shows a marker that turns when it opens (a newcomer finds the shift tools)', async () => {
    const el = await mount();
    const summary = $(el, '[part="shift"] summary');
    const marker = () => getComputedStyle(summary, '::before').content;
    const closed = marker();
    $<HTMLDetailsElement>(el, '[part="shift"]').open = true;
    await el.updateComplete;
    expect(closed).to.match(/▸/);
    expect(marker()).to.match(/▾/);
    expect(summary.getBoundingClientRect().width).to.be.greaterThan(0);
  });

  it('counts this terminal’s usages today and per show, lists them, and names the terminal', async () => {
    const el = await mount();
    await read(el, 'A045198723', true);
    await read(el, 'A999005458', false);
    await el.updateComplete;
    expect($(el, '[part="shift"] summary').textContent).to.contain('Kassa 2');
    const today = $$(el, '.shift-counts .count-row')[0]!;
    const count = (row: HTMLElement, k: string) => row.querySelector(`[data-count="${k}"]`)!.textContent;
    expect(['adults', 'children', 'groups', 'refused', 'queued'].map((k) => count(today, k))).to.deep.equal([
      '1',
      '1',
      '0',
      '1',
      '0',
    ]);
    expect($(el, '.shift-counts h4').textContent).to.contain('Tämä pääte');
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

describe('the shift: undo, its report, a reload', () => {
  const BASE = 'https://api.example.test';
  const keyOf = (venue: string) => `kaiku-scanner:shift ${JSON.stringify([BASE, venue, 'Kassa 2'])}`;
  afterEach(() => {
    for (const venue of ['hilla', 'other']) localStorage.removeItem(keyOf(venue));
  });

  async function mountAt(venue: string, voided: string[] = []): Promise<KaikuScanner> {
    const el = await mount((el) => {
      el.setAttribute('base-url', BASE);
      el.setAttribute('venue-id', venue);
      el.services = {
        ...createFakeServices({ cards, cap: { cap: 10, given: 4 } }),
        voidUsage: async (id: string) => (voided.push(id), 'voided' as const),
      };
    });
    return el;
  }

  it('each usage that gave tickets has an undo naming it; undone, the list says so and the counters drop', async () => {
    const voided: string[] = [];
    const el = await mountAt('hilla', voided);
    await read(el, 'A045198723', true);
    await read(el, 'A999005458', false);
    const undo = $$(el, '.shift-list [data-undo]');
    expect(undo.map((b) => b.textContent!.trim())).to.deep.equal(['Peru: A045198723, Aikuisia 1, lapsia 1.']);
    undo[0]!.click();
    await until(() => $$(el, '.shift-list li')[0]!.dataset.state === 'voided', {
      step: () => el.updateComplete,
    });
    expect(voided).to.deep.equal(['u-1']);
    expect($$(el, '.shift-list li')[0]!.textContent).to.contain('peruttu');
    expect($$(el, '.shift-list [data-undo]')).to.have.length(0);
    expect($(el, '.shift-counts [data-count="adults"]').textContent).to.equal('0');
  });

  it('an undone usage is marked on the list in the render its undo asks for, not at some later one', async () => {
    const el = await mountAt('hilla');
    await read(el, 'A045198723', true);
    // The show's count never answers again: no later render comes from the tally.
    el.services!.capState = () => new Promise(() => undefined);
    const undone = new Promise((r) => el.addEventListener('kaiku-usage-voided', r, { once: true }));
    $$(el, '.shift-list [data-undo]')[0]!.click();
    await undone;
    await el.updateComplete;
    await el.updateComplete;
    expect($$(el, '.shift-list li')[0]!.dataset.state).to.equal('voided');
    expect($$(el, '.shift-list [data-undo]')).to.have.length(0);
  });

  it("privacy mode masks the card in both undo actions, the result screen's and the list's", async () => {
    const el = await mountAt('hilla');
    $<HTMLInputElement>(el, '[data-pref="privacy"]').click();
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="tickets"]').length > 0, { step: () => el.updateComplete });
    await el.confirm();
    await until(() => $$(el, '[part="undo-button"], .shift-list [data-undo]').length === 2, {
      step: () => el.updateComplete,
    });
    for (const undo of $$(el, '[part="undo-button"], .shift-list [data-undo]'))
      expect(undo.textContent).to.contain('Peru: ••••••8723, Aikuisia 1').and.not.contain('A045198723');
    $<HTMLInputElement>(el, '[data-pref="privacy"]').click();
  });

  it('a queued usage sent while on screen stays one usage, now registered', async () => {
    const fake = createFakeServices({ cards, cap: { cap: 10, given: 4 }, registerAs: 'queued' });
    const el = await mount((el) => void (el.services = fake));
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="tickets"]').length > 0, { step: () => el.updateComplete });
    await el.confirm();
    fake.setOutbox({ pending: 1, pendingIds: ['r-1'], needsAttention: [] });
    await until(() => $$(el, '[part="queued-badge"]').length > 0, { step: () => el.updateComplete });
    fake.setOutbox({ pending: 0, pendingIds: [], needsAttention: [] });
    await until(() => $$(el, '[part="result"][data-outcome="registered"]').length > 0, {
      step: () => el.updateComplete,
    });
    // The shift takes a phase down once it is painted: the next paint shows it.
    el.requestUpdate();
    await el.updateComplete;
    expect($$(el, '.shift-list li').map((li) => li.dataset.state)).to.deep.equal(['registered']);
    expect($(el, '.shift-counts [data-count="adults"]').textContent).to.equal('1');
  });

  it("prints the usage report's layout with each show's total and the shift's", async () => {
    const el = await mountAt('hilla');
    await read(el, 'A045198723', true);
    el.lang = 'sv';
    // Swedish loads on first use; an update waits for it only so long (Finnish meanwhile): wait for it, bounded.
    const head = () => $$(el, '.shift-report tr')[0]?.firstElementChild?.textContent?.trim();
    await until(() => head() === 'Kortets kod', { step: () => el.updateComplete }).catch(() => undefined);
    const rows = $$(el, '.shift-report tr').map((tr) =>
      [...tr.children].slice(0, 4).map((c) => c.textContent!.trim()),
    );
    expect(rows).to.deep.equal([
      ['Kortets kod', 'Biljett för vuxna', 'Biljett för barn', 'Föreställningens namn'],
      ['A045198723', '1', '1', 'Uni'],
      ['Sammanlagt', '1', '1', 'Uni'],
      ['Sammanlagt', '1', '1', ''],
    ]);
  });

  it('survives a reload on the same API, venue and terminal, its report the same; another venue sees none of it', async () => {
    const first = await mountAt('hilla');
    await read(first, 'A045198723', true);
    await read(first, 'A999005458', false);
    $<HTMLInputElement>(first, '[data-pref="privacy"]').click();
    await first.updateComplete;
    const report = (el: KaikuScanner) =>
      $$(el, '.shift-report tr, .shift-print div').map((r) => r.textContent);
    const before = report(first);
    expect(before.join()).to.contain('••••••8723').and.not.contain('A045198723');
    document.body.innerHTML = '';

    const again = await mountAt('hilla');
    await until(() => $$(again, '.shift-list li').length === 2, { step: () => again.updateComplete });
    expect($$(again, '.shift-list li').map((li) => li.dataset.state)).to.deep.equal([
      'registered',
      'refused',
    ]);
    // Privacy mode masks the screen and the printout; the shift keeps the whole IDs its report needs.
    expect(report(again).map((r) => r!.replace(/Tulostettu[\s\S]*/, ''))).to.deep.equal(
      before.map((r) => r!.replace(/Tulostettu[\s\S]*/, '')),
    );
    expect($(again, '.shift-list').textContent).to.contain('••••••8723');
    $<HTMLInputElement>(again, '[data-pref="privacy"]').click();
    await again.updateComplete;
    expect($(again, '.shift-report').textContent).to.contain('A045198723');
    expect($(again, '.shift-counts [data-count="adults"]').textContent).to.equal('1');
    document.body.innerHTML = '';

    const other = await mountAt('other');
    expect($$(other, '.shift-list li')).to.have.length(0);
    expect($(other, '.shift-counts [data-count="adults"]').textContent).to.equal('0');
  });

  it("a result on screen when the venue changes stays in its own venue's shift", async () => {
    const el = await mountAt('hilla');
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="tickets"]').length > 0, { step: () => el.updateComplete });
    await el.confirm();
    await until(() => $$(el, '[part="result"]').length > 0, { step: () => el.updateComplete });
    el.setAttribute('venue-id', 'other');
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect({
      other: localStorage.getItem(keyOf('other')),
      listed: $$(el, '.shift-list li').length,
    }).to.deep.equal({ other: null, listed: 0 });
  });

  it('offers no undo for a queued usage the services gave no record ID', async () => {
    const voided: string[] = [];
    const el = await mount((el) => {
      el.setAttribute('base-url', BASE);
      el.setAttribute('venue-id', 'hilla');
      const fake = createFakeServices({ cards, cap: { cap: 10, given: 4 } });
      el.services = {
        ...fake,
        register: async () => ({ kind: 'queued', reason: 'network', pending: 1 }) as const,
        voidUsage: async (id: string) => (voided.push(id), 'removed' as const),
      };
    });
    await read(el, 'A045198723', true);
    await el.updateComplete;
    expect($$(el, '.shift-list [data-undo]').map((b) => b.dataset.undo)).to.deep.equal([]);
  });

  it('a failed undo from the list is said on its row with its code; the screen on show stays', async () => {
    const el = await mount((el) => {
      el.setAttribute('base-url', BASE);
      el.setAttribute('venue-id', 'hilla');
      el.services = {
        ...createFakeServices({ cards, cap: { cap: 10, given: 4 } }),
        voidUsage: () => Promise.reject(new KaikuError('network', 'offline')),
      };
    });
    const errors: string[] = [];
    el.addEventListener('kaiku-error', (e) => errors.push(`${e.detail.stage} ${e.detail.code}`));
    await read(el, 'A045198723', true);
    // The clerk is serving the next customer when they undo the last one from the list.
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A999005458' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="refusal"]').length > 0, { step: () => el.updateComplete });
    const screen = $(el, '[part="refusal"]');
    $(el, '.shift-list [data-undo="u-1"]').click();
    await until(() => $$(el, '.shift-list [data-undo-error]').length > 0, { step: () => el.updateComplete });
    const row = $(el, '.shift-list [data-undo-error]');
    expect({
      row: row.textContent!.replace(/\s+/g, ' ').trim(),
      code: row.dataset.undoError,
      state: $$(el, '.shift-list li').map((li) => li.dataset.state),
      stays: screen.isConnected,
      error: $$(el, '[part="error"]').length,
      errors,
    }).to.deep.equal({
      row: 'Käyttöä ei peruttu: Kaikukantaan ei saada yhteyttä. Tarkista verkkoyhteys. (network)',
      code: 'network',
      state: ['registered', 'refused'],
      stays: true,
      error: 0,
      errors: ['void network'],
    });
    // Still offered: the clerk may try again.
    expect($$(el, '.shift-list [data-undo="u-1"]')).to.have.length(1);
  });

  it('a queued usage undone from the list stays undone, on the list and on the result screen', async () => {
    const fake = createFakeServices({ cards, cap: { cap: 10, given: 4 }, registerAs: 'queued' });
    const el = await mount((el) => {
      el.setAttribute('base-url', BASE);
      el.setAttribute('venue-id', 'hilla');
      el.services = {
        ...fake,
        voidUsage: async () => 'removed' as const,
      };
    });
    $<HTMLInputElement>(el, '#manual').focus();
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await until(() => $$(el, '[part="tickets"]').length > 0, { step: () => el.updateComplete });
    await el.confirm();
    await until(() => $$(el, '[part="result"]').length > 0, { step: () => el.updateComplete });
    fake.setOutbox({ pending: 1, pendingIds: ['r-1'], needsAttention: [] });
    await until(() => $$(el, '.shift-list [data-undo="r-1"]').length > 0, { step: () => el.updateComplete });
    $(el, '.shift-list [data-undo="r-1"]').click();
    await until(() => $$(el, '.shift-list li')[0]?.dataset.state === 'voided', {
      step: () => el.updateComplete,
    });
    // The outbox removed the record: it is neither pending nor refused.
    fake.setOutbox({ pending: 0, pendingIds: [], needsAttention: [] });
    await new Promise((r) => setTimeout(r, 200));
    el.requestUpdate();
    await el.updateComplete;
    expect({
      state: $$(el, '.shift-list li').map((li) => li.dataset.state),
      adults: $(el, '.shift-counts [data-count="adults"]').textContent,
      outcome:
        $(el, '[part="result"]').dataset.outcome ?? $(el, '[part="result"]').textContent!.trim().slice(0, 40),
    }).to.deep.equal({ state: ['voided'], adults: '0', outcome: 'voided' });
  });

  it('prints venue, terminal, period, print time and the refused and undone counts, and nothing else', async () => {
    const el = await mountAt('hilla');
    await read(el, 'A045198723', true);
    await read(el, 'A999005458', false);
    $(el, '.shift-list [data-undo]').click();
    await until(() => $$(el, '.shift-list [data-state="voided"]').length === 1, {
      step: () => el.updateComplete,
    });
    $<HTMLDetailsElement>(el, 'details.shift').open = true;
    // The element's own print rules, applied as on paper (WebDriver cannot emulate print media).
    const root = el.shadowRoot!;
    const sheets = root.adoptedStyleSheets;
    const print = sheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText === 'print')
      .flatMap((r) => [...r.cssRules].map((rule) => rule.cssText));
    const paper = new CSSStyleSheet();
    paper.replaceSync(print.join('\n'));
    root.adoptedStyleSheets = [...sheets, paper];
    try {
      const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.base > *, .shift > *')]
        .filter((e) => e.getClientRects().length > 0)
        .map((e) => e.className);
      expect(shown).to.deep.equal(['shift', 'shift-print', 'shift-report']);
      const facts = $$(el, '.shift-print div').map((d) => d.textContent!.replace(/\s+/g, ' ').trim());
      expect(facts.slice(0, 2)).to.deep.equal(['Toimipaikka hilla', 'Pääte Kassa 2']);
      expect(facts[2]).to.match(/^Ajalta \d+\.\d+\.\d{4} klo \d\d\.\d\d – \d+\.\d+\.\d{4} klo \d\d\.\d\d$/);
      expect(facts[3]).to.match(/^Tulostettu \d/);
      expect(facts.slice(4)).to.deep.equal(['Hylätyt luennat 1', 'Perutut käytöt 1']);
    } finally {
      root.adoptedStyleSheets = sheets;
    }
  });

  it('counts per show the usages taken offline that came back over the cap, also once handled', async () => {
    const fake = createFakeServices({ cards, cap: { cap: 10, given: 4 }, registerAs: 'queued' });
    const el = await mount((el) => {
      el.setAttribute('base-url', BASE);
      el.setAttribute('venue-id', 'hilla');
      el.services = fake;
    });
    await read(el, 'A045198723', true);
    fake.setOutbox({
      pending: 0,
      pendingIds: [],
      needsAttention: [{ id: 'r-1', cardId: 'A045198723', showName: 'Uni', reason: reason('cap-reached') }],
    });
    await until(() => $$(el, '[data-over-cap]').length === 1, { step: () => el.updateComplete });
    expect($(el, '[data-over-cap]').textContent).to.equal(
      'Uni: 1 yli ylärajan, otettu vastaan ilman yhteyttä',
    );
    await fake.resolveAttention('r-1');
    await new Promise((r) => setTimeout(r, 100));
    el.requestUpdate();
    await el.updateComplete;
    expect({
      overCap: $$(el, '[data-over-cap]').length,
      states: $$(el, '.shift-list li').map((li) => li.dataset.state),
    }).to.deep.equal({ overCap: 1, states: ['refused'] });
  });
});
