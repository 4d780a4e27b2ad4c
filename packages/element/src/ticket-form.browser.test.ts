import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { decideWithCore } from './services/usage-mapping.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

// The ticket form as a clerk reads it: the note under the children's stepper agrees with the stepper at every value
// (issue 49.5, "Lippuja tulisi 3…" beside a stepper at 0), and the keyboard hint is for keyboards only.
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 3 },
} as const;

afterEach(() => {
  document.body.innerHTML = '';
});

async function ticketForm(lang: string, cap: { cap: number; given: number }): Promise<KaikuScanner> {
  const el = document.createElement('kaiku-scanner');
  Object.assign(el, { lang, noWedge: true, noCamera: true, noSound: true, venueId: 'hilla' });
  Object.assign(el, { showId: 's1', showName: 'Uni', showStart: '2030-03-01T19:00:00+02:00' });
  // The core's own rules and texts decide, so the note is the one a clerk sees.
  el.services = { ...createFakeServices({ cards, cap }), decide: decideWithCore };
  document.body.append(el);
  await until(() => el.shadowRoot!.querySelector('[part="ready"], form') !== null, {
    step: () => el.updateComplete,
    guardMs: 60_000,
  });
  el.submitCardId('A045198723');
  await until(() => el.shadowRoot!.querySelector('[role="spinbutton"]') !== null, {
    step: () => el.updateComplete,
  });
  return el;
}

const numbersIn = (text: string): number[] => (text.match(/\d+/g) ?? []).map(Number);

describe('the note under the children stepper', () => {
  for (const lang of ['fi', 'sv', 'en'])
    for (const given of [3, 4, 5])
      it(`names no count but the stepper's, at every value (${lang}, ${given} of 6 given)`, async () => {
        const el = await ticketForm(lang, { cap: 6, given });
        const root = el.shadowRoot!;
        const spin = root.querySelector<HTMLElement>('[role="spinbutton"]')!;
        const max = Number(spin.getAttribute('aria-valuemax'));
        expect(max, 'the cap bounds the children below the minors').to.equal(6 - given - 1);
        for (let value = 0; ; value++) {
          await el.updateComplete;
          expect(Number(spin.getAttribute('aria-valuenow'))).to.equal(value);
          const note = root.querySelector('[data-child-limit]')?.textContent ?? '';
          expect(note, 'the bound is explained').to.not.equal('');
          // The cap itself may be named; any other count is the stepper's value, its bound or the tickets in total.
          const shown = [value, max, value + 1, 6];
          for (const n of numbersIn(note)) expect(shown, `"${note}" at ${value}`).to.include(n);
          if (value === max) break;
          spin.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true }));
        }
      });
});

describe('the keyboard hint', () => {
  it('shows with a keyboard and hides where the pointer is coarse and cannot hover (a phone)', async () => {
    const el = await ticketForm('fi', { cap: 20, given: 0 });
    const root = el.shadowRoot!;
    const hint = root.querySelector<HTMLElement>('.keys-hint')!;
    expect(hint.textContent).to.match(/Enter/);
    // The rule that hides it, and the media it holds under (the test cannot swap this browser's pointer).
    const rules = root.adoptedStyleSheets.flatMap((s) => [...s.cssRules]);
    const hiding = rules.filter(
      (r): r is CSSMediaRule =>
        r instanceof CSSMediaRule &&
        [...r.cssRules].some((i) => i instanceof CSSStyleRule && hint.matches(i.selectorText)),
    );
    const media = hiding.map((r) => r.media.mediaText.replace(/\s+/g, ' '));
    expect(media).to.deep.equal(['(hover: none) and (pointer: coarse)']);
    // This browser (a desktop engine: a mouse, or none in headless Firefox) is no phone: the hint is there.
    expect(matchMedia(media[0]!).matches).to.equal(false);
    expect(getComputedStyle(hint).display).to.not.equal('none');
    // Applied without its media (as on a phone), the rule hides exactly the hint.
    const phone = new CSSStyleSheet();
    phone.replaceSync([...hiding[0]!.cssRules].map((r) => r.cssText).join('\n'));
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, phone];
    expect(getComputedStyle(hint).display).to.equal('none');
    const hidden = [...root.querySelectorAll<HTMLElement>('*')].filter(
      (e) => e.getClientRects().length === 0 && e.closest('.keys-hint') === null,
    );
    root.adoptedStyleSheets = root.adoptedStyleSheets.slice(0, -1);
    const before = [...root.querySelectorAll<HTMLElement>('*')].filter(
      (e) => e.getClientRects().length === 0,
    );
    expect(hidden.length, 'nothing else hidden').to.equal(before.length);
  });
});
