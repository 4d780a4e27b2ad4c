// Settings the element cannot use are shown when they are set, not at the first scan: a notice naming the setting
// in place of the scanning controls, one `kaiku-error` per problem, and scanning back once the setting is fixed.
import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import type { KaikuErrorDetail } from './events.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

const SHOW = 'show-id="s1" show-name="Kevätyön uni" show-start="2030-03-01T19:00:00+02:00" show-kind="show"';

let errors: KaikuErrorDetail[] = [];
const noteError = (e: Event): void => void errors.push((e as CustomEvent<KaikuErrorDetail>).detail);

async function mount(attrs: string, before?: (el: KaikuScanner) => void): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-camera ${attrs}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.services = createFakeServices({});
  el.addEventListener('kaiku-error', noteError);
  before?.(el);
  document.body.append(host);
  await el.updateComplete;
  return el;
}

const $ = (el: KaikuScanner, sel: string): HTMLElement | null => el.shadowRoot!.querySelector(sel);
const problems = (el: KaikuScanner) =>
  [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part="config-error"] li')].map((li) => ({
    code: li.dataset.code,
    setting: li.dataset.setting,
    text: li.textContent ?? '',
  }));

/** Lets the element render between two looks of {@link until}. */
const rendered = (el: KaikuScanner) => ({ step: () => el.updateComplete });

beforeEach(() => {
  errors = [];
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the worker URL is a property, never an attribute (issue 31.8)', () => {
  it('markup naming a same-origin file as the worker is not used, and is shown as an unknown setting', async () => {
    const el = await mount(`${SHOW} worker-url="/uploads/evil.js"`);
    expect(el.workerUrl).to.equal(undefined);
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['unknown-field', 'worker-url']]);
    el.workerUrl = '/kaiku/decode-worker.js'; // a script may set it
    expect(el.workerUrl).to.equal('/kaiku/decode-worker.js');
  });
});

describe('settings checked when they are set', () => {
  it('a start without an offset is shown at once, naming show-start; fixing it brings scanning back', async () => {
    const el = await mount(
      'show-id="s1" show-name="Kevätyön uni" show-start="2030-03-01 19:00" show-kind="show"',
    );
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['config-invalid', 'show-start']]);
    expect(problems(el)[0]!.text).to.contain('show-start').and.contain('2030-03-01T19:00:00+02:00');
    expect(errors).to.deep.equal([{ code: 'config-invalid', stage: 'config', setting: 'show-start' }]);
    // Scanning is not offered: no card field, and the wedge listener is off.
    expect($(el, '#manual')).to.equal(null);
    expect($(el, '[part="config-error"]')!.getAttribute('role')).to.equal('alert');
    el.showStart = '2030-03-01T19:00:00+02:00';
    await until(() => $(el, '#manual') !== null, rendered(el));
    expect(problems(el)).to.deep.equal([]);
    expect(errors).to.have.length(1);
  });

  it('a terminal name Kaikukanta would refuse with every usage is shown, naming terminal-name', async () => {
    const el = await mount(`${SHOW} terminal-name="${'Kassa '.repeat(8)}"`);
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['config-invalid', 'terminal-name']]);
    el.terminalName = 'Kassa 2';
    await until(() => $(el, '#manual') !== null, rendered(el));
    expect(problems(el)).to.deep.equal([]);
  });

  it('a terminal name with a four-digit run (it could hide a card ID) is refused, not quietly dropped', async () => {
    const el = await mount(`${SHOW} terminal-name="Kassa 2024"`);
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['config-invalid', 'terminal-name']]);
  });

  it('an unknown kind is not taken for a show: the kinds allowed are listed, in every language', async () => {
    const el = await mount(SHOW.replace('show-kind="show"', 'show-kind="circus"'));
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['config-invalid', 'show-kind']]);
    expect(problems(el)[0]!.text).to.contain('small-show').and.contain('course');
    expect(problems(el)[0]!.text).to.match(/Skannerin asetuksen show-kind arvo ei kelpaa/);
    el.lang = 'sv';
    await until(() => /inställning show-kind/.test(problems(el)[0]?.text ?? ''), rendered(el));
    el.lang = 'en';
    await until(() => /setting show-kind/.test(problems(el)[0]?.text ?? ''), rendered(el));
    expect(errors.map((e) => e.code)).to.deep.equal(['config-invalid']);
  });

  it('a misspelt key of a show in `shows` is refused naming it, with the key it probably meant', async () => {
    const el = await mount('lang="en" show-id="s1"', (e) => {
      e.shows = [
        {
          id: 's1',
          name: 'Uni',
          start: '2030-03-01T19:00:00+02:00',
          kind: 'show',
          capp: 4,
        } as never,
      ];
    });
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['unknown-field', 'shows[0].capp']]);
    expect(problems(el)[0]!.text).to.contain('did you mean shows[0].cap?');
    expect(errors).to.deep.equal([{ code: 'unknown-field', stage: 'config', setting: 'shows[0].capp' }]);
  });

  it('a mode, channel or duration outside its values is shown; the wedge refuses a misspelt option', async () => {
    const el = await mount(`${SHOW} mode="bookings" retention-ms="an hour"`, (e) => {
      e.wedgeOptions = { layuot: 'fi' } as never;
    });
    await until(() => problems(el).length >= 3, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([
      ['config-invalid', 'mode'],
      ['config-invalid', 'retention-ms'],
      ['unknown-field', 'wedgeOptions.layuot'],
    ]);
    expect(problems(el)[2]!.text).to.contain('wedgeOptions.layout');
    expect(errors.map((e) => e.setting).sort()).to.deep.equal(
      ['mode', 'retention-ms', 'wedgeOptions.layuot'].sort(),
    );
    el.mode = 'booking';
    el.retentionMs = undefined;
    el.wedgeOptions = { layout: 'fi' };
    await until(() => $(el, '#manual') !== null, rendered(el));
    expect(problems(el)).to.deep.equal([]);
    expect(errors).to.have.length(3);
  });

  it('the wedge refuses a nonsense number (NaN, a negative time) naming it, and reads again once fixed', async () => {
    const el = await mount(`lang="en" ${SHOW}`, (e) => {
      e.wedgeOptions = { maxInterKeyMs: Number.NaN, minLength: -1 };
    });
    await until(() => problems(el).length >= 2, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([
      ['config-invalid', 'wedgeOptions.minLength'],
      ['config-invalid', 'wedgeOptions.maxInterKeyMs'],
    ]);
    expect(problems(el)[1]!.text).to.contain('wedgeOptions.maxInterKeyMs');
    el.wedgeOptions = { maxInterKeyMs: 60 };
    await until(() => $(el, '#manual') !== null, rendered(el));
    expect(problems(el)).to.deep.equal([]);
  });

  it('a misspelt attribute is refused naming it, with the one meant; fixing it brings scanning back', async () => {
    const el = await mount(`lang="en" ${SHOW} show-cpa="2"`);
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['unknown-field', 'show-cpa']]);
    expect(problems(el)[0]!.text).to.contain('did you mean show-cap?');
    expect($(el, '#manual')).to.equal(null);
    expect(errors).to.deep.equal([{ code: 'unknown-field', stage: 'config', setting: 'show-cpa' }]);
    el.removeAttribute('show-cpa');
    el.setAttribute('show-cap', '2');
    await until(() => $(el, '#manual') !== null, rendered(el));
    expect(problems(el)).to.deep.equal([]);
    expect(el.showCap).to.equal(2);
  });

  it('an attribute written camelCase or with underscores, part of one, or of its family is refused', async () => {
    const el = await mount(`lang="en" ${SHOW} showcap="2" venue_id="v" language="sv" show-price="12"`);
    await until(() => problems(el).length >= 4, rendered(el));
    expect(problems(el).map((p) => p.setting)).to.deep.equal([
      'showcap',
      'venue_id',
      'language',
      'show-price',
    ]);
    expect(problems(el).map((p) => /did you mean ([\w-]+)\?/.exec(p.text)?.[1])).to.deep.equal([
      'show-cap',
      'venue-id',
      'lang',
      undefined,
    ]);
  });

  it('attributes named like inherited members do not stop the check of the others', async () => {
    const el = await mount(`lang="en" ${SHOW} constructor="x" tostring="x" __proto__="x" show-cpa="2"`);
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el).map((p) => [p.code, p.setting])).to.deep.equal([['unknown-field', 'show-cpa']]);
    expect($(el, '#manual')).to.equal(null);
  });

  it('an attribute added later is seen at once, in every language', async () => {
    const el = await mount(`lang="sv" ${SHOW}`);
    await until(() => $(el, '#manual') !== null, rendered(el));
    el.setAttribute('venueid', 'teatteri-hilla');
    await until(() => problems(el).length > 0, rendered(el));
    expect(problems(el)[0]!.text).to.contain('venueid').and.contain('menade du venue-id?');
    expect(errors).to.deep.equal([{ code: 'unknown-field', stage: 'config', setting: 'venueid' }]);
  });

  it("the page's and frameworks' own attributes are left alone", async () => {
    const foreign = [
      'id="till-1" class="big" style="display:block" title="Kassa" tabindex="0" role="region" name="scanner"',
      'data-till="1" aria-label="Kaikukortti" onclick="void 0" _ngcontent-ng-c1="" ng-version="19" data-v-7ba5bd90=""',
      'hx-get="/x" x-data="{}" slot="main" hidden',
    ].join(' ');
    const el = await mount(`lang="en" ${SHOW} ${foreign}`);
    el.hidden = false;
    el.setAttribute('data-late', '1');
    await until(() => $(el, '#manual') !== null, rendered(el));
    await new Promise((r) => setTimeout(r, 50));
    await el.updateComplete;
    expect(problems(el)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });
});
