import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { emulateReader } from '../../core/src/input/wedge/emulate-reader.test-support.js';
import { pressRecords } from '../../../test/support/wedge-keys.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

// A reader slower than the default timing (50 ms a key; the default median limit is 35 ms), through the engine's
// real key events, with nothing focused: the element says so in the clerk's language and reports it
// (`kaiku-error`, stage `input`), and `calibrateScanner()` on one reading makes the same reader read.
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
} as const;
const slowReading = () => emulateReader('A045198723', { gapMs: 50 });
const said = { fi: 'kalibroi lukija', sv: 'kalibrera läsaren', en: 'calibrate the reader' } as const;

afterEach(() => {
  document.body.innerHTML = '';
});

async function mount(lang: keyof typeof said): Promise<{ el: KaikuScanner; errors: string[] }> {
  const el = document.createElement('kaiku-scanner');
  Object.assign(el, { lang, noCamera: true, noSound: true, venueId: 'hilla' });
  Object.assign(el, { showId: 's1', showName: 'Uni', showStart: '2030-03-01T19:00:00+02:00' });
  el.services = createFakeServices({ cards });
  const errors: string[] = [];
  el.addEventListener('kaiku-error', (e) => errors.push(`${e.detail.stage} ${e.detail.code}`));
  document.body.append(el);
  await until(() => el.shadowRoot!.querySelector('#manual') !== null, {
    step: () => el.updateComplete,
    guardMs: 60_000,
  });
  // The clerk's focus is on no text field (a button was clicked, the page was tapped).
  (el.shadowRoot!.activeElement as HTMLElement | null)?.blur();
  (document.activeElement as HTMLElement | null)?.blur();
  return { el, errors };
}

describe('a reader slower than the default timing', () => {
  for (const lang of ['fi', 'sv', 'en'] as const)
    it(`is said, not ignored (${lang})`, async () => {
      const { el, errors } = await mount(lang);
      await pressRecords(slowReading());
      await until(() => errors.length > 0, { step: () => el.updateComplete });
      expect(errors).to.deep.equal(['input reading-too-slow']);
      await until(() => (el.shadowRoot!.textContent ?? '').includes(said[lang]), {
        step: () => el.updateComplete,
      });
      expect(el.shadowRoot!.querySelector('[part="tickets"]')).to.equal(null);
    });

  it('is read once calibrated on one of its readings', async () => {
    const { el, errors } = await mount('fi');
    const calibration = el.calibrateScanner(20_000);
    await pressRecords(slowReading());
    const result = await calibration;
    if (!result.ok) throw new Error(result.error.code);
    el.wedgeOptions = { profile: result.profile };
    await el.updateComplete;
    await pressRecords(slowReading());
    await until(() => el.shadowRoot!.querySelector('[part="tickets"]') !== null, {
      step: () => el.updateComplete,
    });
    expect(errors).to.deep.equal([]);
  });
});
