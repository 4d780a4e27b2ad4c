import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { startSandbox } from '../../../test/support/browser-sandbox.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';

// registry="venue": terminals send their usages to the venue's own register server (the sandbox here, as the venue
// runs it): the screen says they were recorded in the venue register, never in Kaikukanta.

const CARD = 'A045198723';
const start = new Date(Date.now() + 24 * 3600_000).toISOString();
let venues = 0;
const newVenue = () => `venue-words-${Date.now()}-${venues++}`;

const $ = (el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const textOf = (el: KaikuScanner, s: string) => $(el, s)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const step = (el: KaikuScanner) => () => el.updateComplete;

async function mount(attributes: string): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound registry="venue" ${attributes}
    show-id="s1" show-name="Uni" show-start="${start}"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.tokenProvider = () => 'browser-token';
  document.body.append(host);
  await el.updateComplete;
  return el;
}

before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('registry="venue": the venue register, named as such', function () {
  this.timeout(240_000);
  let url = '';
  before(async function () {
    this.timeout(200_000);
    ({ url } = await startSandbox());
    const card = {
      id: CARD,
      prefix: 'A',
      kind: 'client',
      status: 'active',
      validUntil: '2099-12-31',
      minors: 1,
    };
    const res = await fetch(`${url}__sandbox/cards`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: JSON.stringify(card),
    });
    expect(res.ok).to.equal(true);
  });
  after(() => executeServerCommand('kaiku-sandbox-stop', { url }));

  it('a registered usage is "recorded in the venue register", never "Kaikukanta", in fi, sv and en', async () => {
    const el = await mount(`base-url="${url}" venue-id="${newVenue()}" terminal-name="Kassa 1"`);
    el.submitCardId(CARD);
    await until(() => $(el, '[part="confirm-button"]') !== null, { step: step(el), guardMs: 90_000 });
    await el.confirm();
    await until(() => $(el, '[part="result"]') !== null, { step: step(el) });
    expect($(el, '[part="result"]')!.dataset.outcome).to.equal('registered');
    for (const [lang, heading] of [
      ['fi', 'Kirjattu paikan rekisteriin'],
      ['sv', 'Registrerad i platsens register'],
      ['en', 'Recorded in the venue register'],
    ] as const) {
      el.lang = lang;
      await until(() => textOf(el, '[part="result"] h3') === heading, { step: step(el) }).catch((e: Error) =>
        Promise.reject(new Error(`${e.message}; ${lang}: ${textOf(el, '[part="result"] h3')}`)),
      );
      // Not in the result, the sync status nor the shift's tally: the usage is in the venue's register.
      expect(textOf(el, '[part="base"]'), lang).to.not.match(/Kaikukan/);
    }
  });

  it('without terminal-name, or without base-url, the setting to fix is named', async () => {
    for (const [attributes, setting] of [
      [`base-url="${url}" venue-id="v"`, 'terminal-name'],
      ['venue-id="v" terminal-name="Kassa 1"', 'base-url'],
    ] as const) {
      document.body.innerHTML = '';
      const el = await mount(attributes);
      const named = () => $(el, '[part="config-error"] [data-setting]')?.dataset.setting;
      await until(() => named() !== undefined, { step: step(el) });
      expect(named()).to.equal(setting);
    }
  });
});
