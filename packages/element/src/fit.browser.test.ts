import { expect } from '@esm-bundle/chai';
import { KaikuError } from '@kaiku-scanner/core/base';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import {
  createFakeServices,
  reason,
  type FakeServices,
} from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';

// Phones: nothing in the element may stick out of its box, at 320 px and up, in any language and state. The
// element sizes itself by container queries, so its width here is its container's (288: a 320 px phone with the
// demo page's margins).
const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
  Y110029399: { kind: 'community', status: 'active', validUntil: '2030-05-31', minors: 0 },
} as const;
const SHOW = 'Kesäyön unelma – suuren näyttämön ensi-ilta';
const BASE = 'https://api.example.test';

afterEach(() => {
  document.body.innerHTML = '';
  localStorage.removeItem(`kaiku-scanner:shift ${JSON.stringify([BASE, 'hilla', 'Lippukassa 2'])}`);
});

/** Elements of the shadow tree whose box reaches past the element's, as `tag.class (+px)`. */
function overflowing(el: KaikuScanner): string[] {
  const box = el.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('*')]
    .filter((e) => e.getClientRects().length > 0 && !e.closest('.sr-only'))
    .flatMap((e) => {
      const r = e.getBoundingClientRect();
      // (An inline box has no client width to scroll in: Firefox says 0.)
      const scrolls = getComputedStyle(e).display === 'inline' ? 0 : e.scrollWidth - e.clientWidth;
      const out = Math.max(r.right - box.right, box.left - r.left, scrolls);
      return out > 1 ? [`${e.tagName.toLowerCase()}.${e.className} (+${Math.round(out)} px)`] : [];
    });
}

async function mount(width: number, lang: string): Promise<{ el: KaikuScanner; fake: FakeServices }> {
  const fake = createFakeServices({ cards, cap: { cap: 10, given: 4 } });
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  host.innerHTML = `<kaiku-scanner lang="${lang}" no-wedge no-camera no-sound base-url="${BASE}" venue-id="hilla"
    terminal-name="Lippukassa 2" show-id="s1" show-name="${SHOW}" show-start="2030-03-01T19:00:00+02:00"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  // Kaikukanta cannot be reached for an undo: its failure is said on the list's row.
  el.services = { ...fake, voidUsage: () => Promise.reject(new KaikuError('network', 'offline')) };
  document.body.append(host);
  // (The first mount loads the lazy chunks: a loaded machine can take its time.)
  await until(() => el.shadowRoot!.querySelector('[part="shift"]') !== null, {
    step: () => el.updateComplete,
    guardMs: 60_000,
  });
  el.shadowRoot!.querySelector('details')!.open = true;
  return { el, fake };
}

async function at(el: KaikuScanner, selector: string): Promise<void> {
  await until(() => el.shadowRoot!.querySelector(selector) !== null, { step: () => el.updateComplete });
}

/** Walks the states, collecting what sticks out in each. */
async function walk(width: number, lang: string): Promise<Record<string, string[]>> {
  const { el, fake } = await mount(width, lang);
  const seen: Record<string, string[]> = {};
  const look = async (state: string) => {
    await el.updateComplete;
    // And what the live regions say ends each sentence once (issue 49.5: "..." composed of two texts).
    const said = [...el.shadowRoot!.querySelectorAll('.sr-only')].map((e) => e.textContent ?? '').join(' ');
    const out = [...overflowing(el), ...(/(^|[^.])\.\s*\.(?!\.)/.test(said) ? [`live region: ${said}`] : [])];
    if (out.length) seen[`${state} ${lang} ${width}`] = out;
  };
  await look('ready');
  el.submitCardId('A045198723');
  await at(el, '[part="tickets"]');
  await look('card');
  await el.confirm();
  await at(el, '[part="result"]');
  await look('registered');
  el.shadowRoot!.querySelector<HTMLElement>('.shift-list [data-undo]')!.click();
  await at(el, '.shift-list [data-undo-error]');
  await look('undo failed');
  el.submitCardId('A045198723');
  await at(el, '[part="refusal"]');
  await look('already-used');
  el.reset();
  el.submitCardId('A999005458');
  await at(el, '[part="refusal"]');
  await look('refused');
  el.reset();
  el.submitCardId('Y110029399');
  await at(el, '[part="tickets"]');
  await look('community');
  el.reset();
  el.submitCardId('A999000001');
  await at(el, '[part="error"]');
  await look('not-registered');
  el.reset();
  fake.setOutbox({
    pending: 2,
    pendingIds: ['r-9'],
    needsAttention: [{ id: 'r-8', cardId: 'A045198723', showName: SHOW, reason: reason('cap-reached') }],
    connection: 'unreachable',
  });
  await at(el, '[part="needs-attention"] li');
  await look('needs-attention, offline');
  return seen;
}

describe('fits a phone', () => {
  for (const width of [288, 320, 360, 390])
    for (const lang of ['fi', 'sv', 'en'])
      it(`every state in ${lang} at ${width} px stays inside the element and says each sentence once`, async () => {
        expect(await walk(width, lang)).to.deep.equal({});
      });
});

describe('the card-ID input', () => {
  it('reads as a code: monospace, spaced, upper case (one character cannot pass for another)', async () => {
    const { el } = await mount(390, 'fi');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[type="text"]')!;
    const style = getComputedStyle(input);
    expect(style.fontFamily).to.match(/monospace/);
    expect(style.letterSpacing).to.not.equal('normal');
    expect(style.textTransform).to.equal('uppercase');
    el.parentElement!.remove();
  });
});
