// What the element loads after its first download: the Swedish/English strings and the default services. Its own
// page (a fresh module state): nothing here has been loaded by another test first.
import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import { until } from '../../../test/support/until.js';
import { createCoreServices, type DecideInput, type KaikuScanner } from './kaiku-scanner.js';
import { lazyModule, LOAD_FAILED } from './lazy-module.js';

const heading = (el: KaikuScanner): string | null | undefined =>
  el.shadowRoot?.querySelector('h3')?.textContent;

function mountUnrendered(attrs: string): KaikuScanner {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera ${attrs}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.services = undefined;
  document.body.append(host);
  return el;
}

const decideInput: DecideInput = {
  card: {
    id: 'A045198723',
    kind: 'client',
    status: 'active',
    validUntil: '2030-05-31',
    minors: 0,
    fromCache: false,
  },
  show: { id: 's1', name: 'Uni', start: '2030-03-01T19:00:00+02:00', kind: 'show' },
  mode: 'booking',
  request: { children: 0, groupCardIds: [], under16: 0 },
  earlier: [],
  cap: undefined,
  now: new Date('2030-02-01T12:00:00+02:00'),
};

describe('lazy loading', () => {
  it('a Swedish element paints in Swedish first: no Finnish frame while the strings load', async () => {
    const el = mountUnrendered('lang="sv"');
    const seen: Array<string | null | undefined> = [];
    new MutationObserver(() => seen.push(heading(el))).observe(el.shadowRoot!, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    await el.updateComplete;
    expect(heading(el)).to.equal('Läs kortet');
    expect(seen.filter((h) => h !== undefined && h !== 'Läs kortet')).to.deep.equal([]);
  });

  it('a language changed while another loads renders the last one asked for', async () => {
    const el = mountUnrendered('');
    await el.updateComplete;
    expect(heading(el)).to.equal('Lue kortti');
    el.lang = 'sv';
    await Promise.resolve();
    el.lang = 'en';
    // An update waits for the strings only so long (Finnish meanwhile): a loaded machine may take longer to load them.
    await until(() => heading(el) === 'Read a card', { step: () => el.updateComplete }).catch(
      () => undefined,
    );
    expect(heading(el)).to.equal('Read a card');
  });

  it('createCoreServices answers at once what needs no network and loads the rest in the background', async () => {
    const services = createCoreServices({
      baseUrl: '',
      venueId: 'v',
      channel: 'box-office',
      getToken: () => '',
    });
    const parsed = services.parseCardId(' *a045198723* ');
    expect(parsed).to.deep.equal({ ok: true, id: 'A045198723' });
    const bad = services.parseCardId('B123');
    expect(bad.ok).to.equal(false);
    if (!bad.ok) expect(bad.reason.message.sv).to.be.a('string').and.not.equal('');
    // decide() is synchronous: before the rules have loaded it says so with a stable code.
    let early: unknown;
    try {
      services.decide(decideInput);
    } catch (e) {
      early = e;
    }
    if (early !== undefined) expect(early).to.have.property('code', 'element-not-ready');
    await services.ready;
    expect(services.decide(decideInput)).to.deep.equal({ ok: true, total: 1, countedAgainstCap: 0 });
    // Malformed show settings from the host: one setup error naming the fields, not a validator's wording.
    const badShow = services.decide({
      ...decideInput,
      show: { ...decideInput.show, start: 'tomorrow', kind: 'circus' },
    });
    expect(badShow.ok).to.equal(false);
    if (!badShow.ok) {
      expect(badShow.reasons.map((r) => r.code)).to.deep.equal(['show-invalid']);
      expect(badShow.reasons[0]!.message.en)
        .to.contain('start')
        .and.contain('kind')
        .and.contain('administrator');
      expect(badShow.reasons[0]!.message.fi).to.contain('ylläpitäjä korjaa');
    }
    services.dispose();
  });

  it('services disposed before use refuse with a stable code instead of starting an outbox', async () => {
    const services = createCoreServices({
      baseUrl: 'http://127.0.0.1:9/',
      venueId: 'v',
      channel: 'box-office',
      getToken: () => '',
    });
    services.dispose();
    const error = await services.outboxState().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.have.property('code', 'element-disposed');
  });

  it('a part whose download failed loads at the next try, though the engine remembers the failure', async () => {
    // Its first request fails (test/support/wtr-flaky-middleware.mjs); the engine keeps that failure for the page's
    // life (whatwg/html#6768), so only a request under a fresh URL reaches the server again.
    const url = `${location.origin}/__kaiku-flaky/part-${Date.now()}.js`;
    const part = lazyModule(
      () => import(url) as Promise<{ tries: number }>,
      (m) => m.tries,
    );
    const lost = await part.load().then(
      () => undefined,
      (e: { code?: string }) => e.code,
    );
    expect(lost).to.equal(LOAD_FAILED);
    expect(part.get()).to.equal(undefined);
    expect(await part.load()).to.equal(2);
    expect(part.get()).to.equal(2);
  });
});
