// The Swedish strings fail to load (test/support/wtr-flaky-middleware.mjs, while the cookie is set): the element is
// in Finnish, says so in Swedish, reports `element-load-failed`, and never shows a blank or a code. Its own page:
// nothing here has loaded Swedish before.
import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import { until } from '../../../test/support/until.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { elementText } from './messages/index.js';
import { fiCodes } from './translations/fi.js';

const heading = (el: KaikuScanner): string | null | undefined =>
  el.shadowRoot?.querySelector('h3')?.textContent;

describe('a language whose strings do not load', () => {
  afterEach(() => {
    document.cookie = 'kaiku-lose-sv=; max-age=0; path=/';
  });

  it('paints in Finnish, says so in Swedish and reports element-load-failed', async () => {
    document.cookie = 'kaiku-lose-sv=1; path=/';
    const codes: string[] = [];
    const host = document.createElement('div');
    host.addEventListener('kaiku-error', (e) => codes.push(e.detail.code));
    host.innerHTML = '<kaiku-scanner no-wedge no-camera lang="sv"></kaiku-scanner>';
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    el.services = undefined;
    document.body.append(host);
    await until(() => codes.includes('element-load-failed'), { step: () => el.updateComplete });
    await el.updateComplete;
    expect(heading(el)).to.equal('Lue kortti');
    const notice = el.shadowRoot!.querySelector('[part="load-notice"]');
    expect(notice?.textContent?.trim()).to.equal(elementText('language-load-failed').sv);
    expect(notice?.textContent).to.contain('finska');
    // A first-paint code's Swedish text is the Finnish one meanwhile: never empty, never the code.
    const replaced = elementText('reading-replaced', { tail: '8723' });
    expect(replaced.sv).to.equal(fiCodes['reading-replaced'].replace('{tail}', '8723'));
    expect(replaced.en).to.equal(replaced.fi);
    host.remove();
  });

  it('a text kept on screen follows the language once its strings load', async () => {
    const unexpected = elementText('unexpected');
    const host = document.createElement('div');
    host.innerHTML = '<kaiku-scanner no-wedge no-camera lang="en"></kaiku-scanner>';
    const el = host.querySelector('kaiku-scanner') as KaikuScanner;
    el.services = undefined;
    document.body.append(host);
    await until(() => heading(el) === 'Read a card', { step: () => el.updateComplete });
    expect(unexpected.en).to.match(/^Unexpected error/);
    expect(unexpected.fi).to.match(/^Odottamaton virhe/);
    host.remove();
  });
});
