// The page of bench/feedback.bench.ts: the element on scripted services (answers at once, so what is timed is
// the element's own work), and a probe that times each reading until its result is painted.
import '../packages/element/src/kaiku-scanner.js';
import type { KaikuScanner } from '../packages/element/src/kaiku-scanner.js';
import { createFakeServices, reason } from '../test/support/element-fake-services.js';

const cards = {
  A045198723: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 2 },
  A999005458: { kind: 'client', status: 'inactive', validUntil: '2030-05-31', minors: 0 },
  A999991234: { kind: 'client', status: 'active', validUntil: '2030-05-31', minors: 0 },
} as const;

const fake = createFakeServices({ cards });
const decide = fake.decide;
fake.decide = (i) =>
  i.card.id === 'A999991234' ? { ok: false, reasons: [reason('already-used')] } : decide(i);
const lookup = fake.lookupCard;
fake.lookupCard = (id, signal) =>
  id === 'A000000000' ? Promise.reject(new Error('down')) : lookup(id, signal);

document.body.innerHTML = `<kaiku-scanner no-wedge no-camera show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00"></kaiku-scanner>`;
const el = document.querySelector('kaiku-scanner') as KaikuScanner;
el.services = fake;

/** Resolves at the first frame painted after `selector` appears in the element. */
function paintedWhen(selector: string): Promise<number> {
  const root = el.shadowRoot!;
  return new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())));
    if (root.querySelector(selector)) return done();
    const observer = new MutationObserver(() => {
      if (!root.querySelector(selector)) return;
      observer.disconnect();
      done();
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true });
  });
}

/** Milliseconds from the reading (`kaiku-scan`) to `selector` painted; `confirm`: from the confirmation instead. */
async function time(cardId: string, selector: string, confirm = false): Promise<number> {
  el.reset();
  await el.updateComplete;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
  let started = 0;
  el.addEventListener('kaiku-scan', () => (started = performance.now()), { once: true });
  const card = paintedWhen(confirm ? '[part="confirm-button"]' : selector);
  el.submitCardId(cardId);
  const at = await card;
  if (!confirm) return at - started;
  const result = paintedWhen(selector);
  started = performance.now();
  void el.confirm();
  return (await result) - started;
}

Object.assign(window, {
  time,
  ready: el.updateComplete.then(() => customElements.whenDefined('kaiku-scanner')),
});
