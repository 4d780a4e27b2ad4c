import { expect } from '@esm-bundle/chai';
import { sendKeys } from '../../../test/support/keys.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createFakeServices, reason, type FakeOptions } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';

const cards: FakeOptions['cards'] = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
  Y110029399: { kind: 'community', status: 'active', validUntil: '2030-05-31', minors: 0 },
};

async function mount(
  options: FakeOptions = {},
  attrs = '',
): Promise<{ el: KaikuScanner; fake: ReturnType<typeof createFakeServices> }> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera show-id="s1" show-name="Kevätyön uni" show-start="2030-03-01T19:00:00+02:00" show-kind="show" ${attrs}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  const fake = createFakeServices({ cards, ...options });
  el.services = fake;
  document.body.append(host);
  await el.updateComplete;
  return { el, fake };
}

const $ = <T extends Element = HTMLElement>(el: KaikuScanner, sel: string): T | null =>
  el.shadowRoot!.querySelector<T>(sel);

async function settle(el: KaikuScanner): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
}

/** Lets the element render between two looks of {@link until}. */
const rendered = (el: KaikuScanner) => ({ step: () => el.updateComplete });

/**
 * The heading once it reads `text`, or as it is after the hang guard. A language's strings load on first use, and an
 * update waits for them only so long (Finnish meanwhile): under load in WebKit they came after `updateComplete`.
 */
async function headingOnceItReads(el: KaikuScanner, text: string): Promise<string | null | undefined> {
  await until(() => $(el, 'h3')?.textContent === text, rendered(el)).catch(() => undefined);
  return $(el, 'h3')?.textContent;
}

async function enterCard(el: KaikuScanner, id: string): Promise<void> {
  $<HTMLInputElement>(el, '#manual')!.focus();
  await sendKeys({ type: id });
  await sendKeys({ press: 'Enter' });
  await settle(el);
}

// The lazily loaded chunks first: enterCard() allows a look-up a few renders, not the test server's first build.
before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('<kaiku-scanner>', () => {
  it('maps kebab-case attributes to camelCase properties and reflects lang, theme and mode', async () => {
    const { el } = await mount({}, 'base-url="http://api.test/" show-cap="5" theme="dark"');
    expect(el.baseUrl).to.equal('http://api.test/');
    expect(el.showName).to.equal('Kevätyön uni');
    expect(el.showCap).to.equal(5);
    expect(el.noCamera).to.equal(true);
    expect(el.theme).to.equal('dark');
    el.lang = 'sv';
    el.mode = 'collection';
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal('sv');
    expect(el.getAttribute('mode')).to.equal('collection');
    expect(el.show).to.deep.include({ id: 's1', name: 'Kevätyön uni', kind: 'show', cap: 5 });
  });

  it('speaks Finnish by default and switches language at runtime, with Intl dates', async () => {
    const { el } = await mount();
    // No lang of its own until one is set: an empty lang attribute would mark the content as of unknown language.
    expect(el.hasAttribute('lang')).to.equal(false);
    expect($(el, 'h3')!.textContent).to.equal('Lue kortti');
    expect($(el, '.context')!.textContent).to.contain('1.3.2030');
    el.lang = 'en';
    expect(await headingOnceItReads(el, 'Read a card')).to.equal('Read a card');
    expect($(el, '.context')!.textContent).to.contain('2030');
    el.lang = 'sv';
    expect(await headingOnceItReads(el, 'Läs kortet')).to.equal('Läs kortet');
  });

  it('follows the page language when it has no lang of its own', async () => {
    const { el } = await mount();
    document.documentElement.lang = 'sv';
    expect(await headingOnceItReads(el, 'Läs kortet')).to.equal('Läs kortet');
    document.documentElement.lang = 'en';
    expect(await headingOnceItReads(el, 'Read a card')).to.equal('Read a card');
    el.lang = 'fi';
    await el.updateComplete;
    expect($(el, 'h3')!.textContent).to.equal('Lue kortti');
    document.documentElement.lang = '';
  });

  it('registers a client card with children from the keyboard alone', async () => {
    const { el, fake } = await mount();
    const seen: string[] = [];
    for (const n of ['kaiku-scan', 'kaiku-card', 'kaiku-before-register', 'kaiku-usage-registered'] as const)
      document.addEventListener(n, (e) => seen.push(`${e.type}:${(e as CustomEvent).composed}`), {
        once: true,
      });
    await enterCard(el, 'a045198723');
    expect($(el, '[part="card-panel"]')!.textContent).to.contain('A045198723');
    // The stepper has focus; the rules bound it at the registered minors (2).
    const stepper = $(el, '[role="spinbutton"]')!;
    expect(el.shadowRoot!.activeElement).to.equal(stepper);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(stepper.getAttribute('aria-valuenow')).to.equal('2');
    expect(stepper.getAttribute('aria-valuemax')).to.equal('2');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(fake.registered).to.have.length(1);
    expect(fake.registered[0]!.request.children).to.equal(2);
    expect($(el, '[part="result"]')!.getAttribute('data-outcome')).to.equal('registered');
    expect(seen).to.deep.equal([
      'kaiku-scan:true',
      'kaiku-card:true',
      'kaiku-before-register:true',
      'kaiku-usage-registered:true',
    ]);
    // Ready for the next customer without a mouse.
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect($(el, '#manual')).to.not.equal(null);
  });

  it('lets a point-of-sale veto the registration', async () => {
    const { el, fake } = await mount();
    el.addEventListener('kaiku-before-register', (e) => e.preventDefault(), { once: true });
    await enterCard(el, 'A045198723');
    await el.confirm();
    await settle(el);
    expect(fake.registered).to.have.length(0);
    expect($(el, '[part="card-panel"]')).to.not.equal(null);
  });

  it('registers once when a kaiku-before-register listener itself confirms (re-entrancy)', async () => {
    const { el, fake } = await mount();
    // A point-of-sale that "confirms from its own side" on the event: the same click must not register twice.
    el.addEventListener('kaiku-before-register', () => void el.confirm());
    await enterCard(el, 'A045198723');
    await el.confirm();
    await settle(el);
    expect(fake.registered).to.have.length(1);
  });

  it('shows every refusal reason and offers only the next customer', async () => {
    const { el } = await mount();
    let card: { allowed: boolean; reasons: readonly string[] } | undefined;
    el.addEventListener('kaiku-card', (e) => (card = e.detail));
    await enterCard(el, 'A999005458');
    expect(card).to.deep.include({ allowed: false });
    expect(card!.reasons).to.deep.equal(['card-inactive']);
    expect($(el, '[part="refusal"] li')!.getAttribute('data-code')).to.equal('card-inactive');
    expect($(el, '[part="confirm-button"]')).to.equal(null);
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect($(el, '#manual')).to.not.equal(null);
  });

  it('an unregistered card is an ordinary refusal, not "something went wrong"', async () => {
    const { el } = await mount();
    await enterCard(el, 'A000000019');
    await until(() => $(el, '[part="error"]') !== null, rendered(el));
    expect($(el, '[part="error"]')!.getAttribute('data-code')).to.equal('card-not-registered');
    expect($(el, '[part="error"] h3')!.textContent).to.equal('Lippua ei voi antaa');
  });

  it('marks a malformed typed ID invalid with its message', async () => {
    const { el } = await mount();
    let code = '';
    el.addEventListener('kaiku-error', (e) => (code = e.detail.code));
    await enterCard(el, 'E1234');
    expect(code).to.equal('bad-format');
    expect($(el, '#manual')!.getAttribute('aria-invalid')).to.equal('true');
    expect($(el, '#manual-error')!.textContent).to.contain('bad-format');
  });

  it('collects a community card group by typed member cards and under-16 clients', async () => {
    const { el, fake } = await mount();
    await enterCard(el, 'Y110029399');
    expect($(el, '[part="confirm-button"]')!.getAttribute('aria-disabled')).to.equal('true');
    expect(el.shadowRoot!.activeElement?.id).to.equal('member');
    await sendKeys({ type: 'A045198723' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect($(el, '.group-list')!.textContent).to.contain('A045198723');
    $(el, '#under16-value')!.focus();
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(fake.registered[0]!.request).to.deep.equal({
      children: 0,
      groupCardIds: ['A045198723'],
      under16: 1,
    });
  });

  it('shows a queued usage with a clear badge and the pending count', async () => {
    const { el, fake } = await mount({ registerAs: 'queued' });
    let queued = 0;
    el.addEventListener('kaiku-usage-queued', (e) => (queued = e.detail.pending));
    await enterCard(el, 'A045198723');
    fake.setOutbox({ pending: 1, needsAttention: [] });
    await el.confirm();
    await settle(el);
    expect(queued).to.equal(1);
    expect($(el, '[part="queued-badge"]')).to.not.equal(null);
    expect($(el, '[data-pending]')!.getAttribute('data-pending')).to.equal('1');
  });

  it('shows the cap meter with tickets given and left', async () => {
    const { el } = await mount({ cap: { cap: 5, given: 3 } });
    await settle(el);
    const meter = $(el, '[role="meter"]')!;
    expect(meter.getAttribute('aria-valuenow')).to.equal('3');
    expect(meter.getAttribute('aria-valuemax')).to.equal('5');
    expect($(el, '[part="cap-meter"]')!.textContent).to.contain('2 jäljellä');
  });

  it('lists needs-attention usages with their reason and lets staff mark them handled', async () => {
    const { el, fake } = await mount();
    const counts: number[] = [];
    el.addEventListener('kaiku-sync', (e) => counts.push(e.detail.needsAttention));
    fake.setOutbox({
      pending: 0,
      needsAttention: [
        { id: 'r1', cardId: 'A999000001', showName: 'Kevätyön uni', reason: reason('card-not-registered') },
      ],
    });
    await until(() => $(el, '[part="needs-attention"]') !== null, rendered(el));
    const item = $(el, '[part="needs-attention"] li')!;
    expect(item.getAttribute('data-code')).to.equal('card-not-registered');
    expect(item.textContent).to.contain('A999000001');
    const button = item.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.equal('Merkitse käsitellyksi: A999000001');
    button.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect($(el, '[part="needs-attention"]')).to.equal(null);
    expect(counts).to.deep.equal([1, 0]);
  });

  it('shows a failed report download as an error instead of leaving an unhandled rejection', async () => {
    const { el, fake } = await mount();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: PromiseRejectionEvent): void => {
      unhandled.push(e.reason);
      e.preventDefault();
    };
    window.addEventListener('unhandledrejection', onUnhandled);
    fake.exportCsv = () => Promise.reject(new Error('disk full'));
    let code = '';
    el.addEventListener('kaiku-error', (e) => (code = e.detail.code));
    fake.setOutbox({
      pending: 0,
      needsAttention: [
        { id: 'r1', cardId: 'A999000001', showName: 'Uni', reason: reason('card-not-registered') },
      ],
    });
    await until(() => $(el, '[part="needs-attention"]') !== null, rendered(el));
    $<HTMLButtonElement>(el, '[part="needs-attention"] .actions button')!.click();
    await until(() => code !== '', rendered(el));
    await settle(el);
    window.removeEventListener('unhandledrejection', onUnhandled);
    expect(unhandled).to.deep.equal([]);
    expect(code).to.equal('unexpected');
    expect($(el, '[part="error"]')!.getAttribute('data-code')).to.equal('unexpected');
  });

  it("types a count into a stepper with digits, clamped to the rules' bound", async () => {
    const { el } = await mount();
    await enterCard(el, 'A045198723');
    await sendKeys({ press: '9' });
    await el.updateComplete;
    expect($(el, '#children-value')!.getAttribute('aria-valuenow')).to.equal('2');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect($(el, '#children-value')!.getAttribute('aria-valuenow')).to.equal('0');
  });

  it('says plainly when it has no API to talk to, and lets the clerk go on', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<kaiku-scanner no-wedge no-camera lang="en" show-id="s1" show-name="Show" show-start="2030-03-01T19:00:00+02:00"></kaiku-scanner>`;
    document.body.append(host);
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    let code = '';
    el.addEventListener('kaiku-error', (e) => (code = e.detail.code));
    await el.updateComplete;
    el.submitCardId('A045198723');
    await until(() => code !== '', rendered(el));
    expect(code).to.equal('element-not-configured');
    expect($(el, '[part="error"]')!.textContent).to.contain('registry="none"').and.not.contain('paper');
  });
});

describe('<kaiku-scanner> over plain http', () => {
  const mountAt = async (attrs: string): Promise<KaikuScanner> => {
    const host = document.createElement('div');
    host.innerHTML = `<kaiku-scanner no-wedge no-camera lang="en" venue-id="v" show-id="s1" show-name="Show" show-start="2030-03-01T19:00:00+02:00" ${attrs}></kaiku-scanner>`;
    document.body.append(host);
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    await el.updateComplete;
    return el;
  };

  it('refuses a plain-http API on another machine, saying why, and sends nothing', async () => {
    const el = await mountAt('base-url="http://kaikukanta.intra.test/"');
    const sent: string[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => sent.push(e.name)));
    observer.observe({ type: 'resource' });
    let code = '';
    el.addEventListener('kaiku-error', (e) => (code = e.detail.code));
    el.submitCardId('A045198723');
    // The services' code loads in the background first (slow on a loaded machine): wait for the outcome.
    for (let i = 0; i < 500 && !$(el, '[part="error"]'); i++) await settle(el);
    observer.disconnect();
    expect(code).to.equal('insecure-base-url');
    expect($(el, '[part="error"]')!.textContent).to.contain('plain http');
    expect(sent.filter((name) => name.includes('intra.test'))).to.deep.equal([]);
    expect($(el, '[part="insecure-notice"]')).to.equal(null);
  });

  it('with allow-insecure-http, staff see a notice for as long as it is on', async () => {
    const el = await mountAt('base-url="http://kaikukanta.intra.test/" allow-insecure-http');
    expect($(el, '[part="insecure-notice"]')!.textContent).to.contain('Unencrypted');
    el.lang = 'fi';
    await el.updateComplete;
    expect($(el, '[part="insecure-notice"]')!.textContent).to.contain('Salaamaton');
    el.baseUrl = 'https://kaikukanta.intra.test/';
    await el.updateComplete;
    expect($(el, '[part="insecure-notice"]')).to.equal(null);
  });
});
