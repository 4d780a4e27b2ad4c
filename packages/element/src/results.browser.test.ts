import { expect } from '@esm-bundle/chai';
import { sendKeys } from '../../../test/support/keys.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createFakeServices, reason } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

// The four results: their look, sound and vibration, and who can turn the last two off.
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 0 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
  A999991234: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 0 },
} as const;

/** What the device was asked to play: each tone's pitch, and each vibration pattern. */
const played = { tones: [] as number[], vibrations: [] as string[] };
class FakeAudio {
  state = 'running';
  currentTime = 0;
  destination = {};
  resume = () => Promise.resolve();
  createGain = () => ({
    gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
    connect: (to: unknown) => to,
  });
  createOscillator = () => {
    const osc = {
      type: '',
      frequency: { value: 0 },
      connect: (to: unknown) => to,
      start: () => played.tones.push(osc.frequency.value),
      stop() {},
    };
    return osc;
  };
}
const realAudio = globalThis.AudioContext;
before(() => {
  (globalThis as { AudioContext: unknown }).AudioContext = FakeAudio;
  Object.defineProperty(navigator, 'vibrate', {
    configurable: true,
    value: (p: number[]) => played.vibrations.push(p.join(' ')) > 0,
  });
});
after(() => ((globalThis as { AudioContext: unknown }).AudioContext = realAudio));
beforeEach(() => {
  played.tones.length = 0;
  played.vibrations.length = 0;
  localStorage.removeItem('kaiku-scanner:prefs');
});
afterEach(() => (document.body.innerHTML = ''));

async function reach(cardId: string, attrs = ''): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00" ${attrs}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  const fake = createFakeServices({ cards });
  const decide = fake.decide;
  // A999991234 was used for this show already; A000000000 cannot be looked up (Kaikukanta fails).
  fake.decide = (i) =>
    i.card.id === 'A999991234' ? { ok: false, reasons: [reason('already-used')] } : decide(i);
  const lookup = fake.lookupCard;
  fake.lookupCard = (id, signal) =>
    id === 'A000000000' ? Promise.reject(new Error('boom')) : lookup(id, signal);
  el.services = fake;
  document.body.append(host);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLInputElement>('#manual')!.focus();
  await sendKeys({ type: cardId });
  await sendKeys({ press: 'Enter' });
  const banner = () => el.shadowRoot!.querySelector('[data-verdict]');
  await until(() => banner() !== null || el.shadowRoot!.querySelector('[part="confirm-button"]') !== null, {
    step: () => el.updateComplete,
  });
  if (!banner()) {
    await el.confirm();
    await until(() => banner() !== null, { step: () => el.updateComplete });
  }
  await new Promise((r) => setTimeout(r, 20)); // the cue plays once the result is painted
  return el;
}

const verdictOf = (el: KaikuScanner) => el.shadowRoot!.querySelector<HTMLElement>('[data-verdict]')!;

describe('results at a glance', () => {
  const expected = [
    ['A045198723', 'registered', '880 1320', '70'],
    ['A999005458', 'refused', '220', '400'],
    ['A999991234', 'already-used', '660 660 660', '80 60 80 60 80'],
    ['A000000000', 'attention', '523 392', '200 100 200'],
  ] as const;
  for (const [card, verdict, tones, vibration] of expected)
    it(`${verdict}: its own colour, icon shape, sound and vibration`, async () => {
      const el = await reach(card);
      const banner = verdictOf(el);
      expect(banner.dataset.verdict).to.equal(verdict);
      expect(banner.querySelector('svg')!.dataset.shape).to.equal(verdict);
      expect(banner.querySelector('h3')!.textContent!.length).to.be.greaterThan(5);
      // Large type: the heading is at least 1.75 times the element's base size (2 em in Chromium and Firefox).
      const size = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
      expect(size(banner.querySelector('h3')!) / size(el)).to.be.at.least(1.75);
      expect(played.tones.join(' ')).to.equal(tones);
      expect(played.vibrations).to.deep.equal([vibration]);
    });

  it('colours the four banners apart', async () => {
    const colours = new Set<string>();
    for (const [card] of expected) {
      colours.add(getComputedStyle(verdictOf(await reach(card))).backgroundColor);
      document.body.innerHTML = '';
    }
    expect(colours.size).to.equal(4);
  });

  it('plays nothing the host turned off (no-sound, no-vibration)', async () => {
    await reach('A999005458', 'no-sound no-vibration');
    expect(played).to.deep.equal({ tones: [], vibrations: [] });
  });

  it('plays nothing the clerk turned off, remembered on this device', async () => {
    const { savePrefs } = await import('./feedback/prefs.js');
    savePrefs({ sound: false, vibration: false, privacy: false });
    await reach('A999005458');
    expect(played).to.deep.equal({ tones: [], vibrations: [] });
    expect(JSON.parse(localStorage.getItem('kaiku-scanner:prefs')!)).to.deep.equal({
      sound: false,
      vibration: false,
      privacy: false,
    });
    savePrefs({ sound: true, vibration: true, privacy: false });
  });
});
