import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import { startSandbox } from '../../../test/support/browser-sandbox.js';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { until } from '../../../test/support/until.js';
import { primeElementChunks } from '../../../test/support/element-chunks.js';

// With the API (issue 61.9), the real outbox and the real sandbox: an undone usage holds no ticket on the meter or
// against the cap while Kaikukanta is down, and an undo Kaikukanta refuses after the window leaves the usage standing
// without a "needs attention" item.

const CARDS = ['A045198723', 'A999005458', 'X000011986'] as const;
const start = new Date(Date.now() + 24 * 3600_000).toISOString();
let venues = 0;
const newVenue = () => `truth-${Date.now()}-${venues++}`;

const $ = (el: KaikuScanner, s: string) => el.shadowRoot!.querySelector<HTMLElement>(s);
const $$ = (el: KaikuScanner, s: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(s)];
const step = (el: KaikuScanner) => () => el.updateComplete;

async function sandbox(): Promise<string> {
  const { url } = await startSandbox();
  for (const id of CARDS) {
    const card = { id, prefix: id[0], kind: 'client', status: 'active', validUntil: '2099-12-31', minors: 1 };
    const res = await fetch(`${url}__sandbox/cards`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: JSON.stringify(card),
    });
    expect(res.ok).to.equal(true);
  }
  return url;
}

async function mount(url: string, venue: string, cap = ''): Promise<KaikuScanner> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-camera no-sound base-url="${url}" venue-id="${venue}"
    terminal-name="Kassa 1" show-id="s1" show-name="Uni" show-start="${start}" ${cap}></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.tokenProvider = () => 'browser-token';
  document.body.append(host);
  await el.updateComplete;
  return el;
}

/** Looks the card up and confirms when the rules allow: the result's outcome, or the refusal's first code. */
async function sell(el: KaikuScanner, cardId: string): Promise<string> {
  el.reset();
  el.submitCardId(cardId);
  const shown = () => $(el, '[part="confirm-button"]') ?? $(el, '[part="refusal"] [data-code]');
  await until(() => shown() !== null, { step: step(el) });
  const refusal = $(el, '[part="refusal"] [data-code]');
  if (refusal) return refusal.dataset.code!;
  await el.confirm();
  await until(() => $(el, '[part="result"]') !== null, { step: step(el) });
  return $(el, '[part="result"]')!.dataset.outcome!;
}

/** The result screen's undo: `voided`, or the code it was refused with. */
async function undo(el: KaikuScanner): Promise<string> {
  $(el, '[part="undo-button"]')!.click();
  const said = () =>
    $(el, '[part="undo-error"]')?.dataset.code ??
    ($(el, '[part="result"]')?.dataset.outcome === 'voided' ? 'voided' : undefined);
  await until(() => said() !== undefined, { step: step(el) });
  return said()!;
}

before(async function () {
  this.timeout(120_000);
  await primeElementChunks();
});

afterEach(() => {
  document.body.innerHTML = '';
});

describe('API mode: an undone usage is not counted', function () {
  this.timeout(90_000);
  let down = '';
  before(async () => {
    down = await sandbox();
    await executeServerCommand('kaiku-sandbox-stop', { url: down }); // Kaikukanta down: nothing answers there
  });

  it('Kaikukanta down, a cap-2 show: one sold, one undone, the third customer gets a ticket', async () => {
    const url = await sandbox();
    const el = await mount(url, newVenue(), 'show-cap="2"');
    const meter = () => $(el, '[part="cap-meter"]');
    await until(() => meter() !== null && meter()!.dataset.known !== 'false', { step: step(el) });
    await executeServerCommand('kaiku-sandbox-stop', { url }); // Kaikukanta goes down; its last count was 0
    expect(await sell(el, CARDS[0])).to.equal('queued');
    expect(await sell(el, CARDS[1])).to.equal('queued');
    expect(await undo(el)).to.equal('voided');
    expect(await sell(el, CARDS[2])).to.equal('queued');
    await until(() => meter()!.querySelector('[role="meter"]')?.getAttribute('aria-valuenow') === '2', {
      step: step(el),
    });
  });

  it('the undone card read again is offered its ticket, not "already used"', async () => {
    const el = await mount(down, newVenue(), 'show-cap="5"');
    expect(await sell(el, CARDS[0])).to.equal('queued');
    expect(await undo(el)).to.equal('voided');
    expect(await sell(el, CARDS[0])).to.equal('queued');
  });
});

describe('API mode: an undo refused after the window', function () {
  this.timeout(90_000);
  let url = '';
  before(async () => (url = await sandbox()));
  after(() => executeServerCommand('kaiku-sandbox-stop', { url }));

  it('leaves the usage standing, says so, and adds nothing to "needs attention"', async () => {
    const el = await mount(url, newVenue());
    expect(await sell(el, CARDS[0])).to.equal('registered');
    const clock = await fetch(`${url}__sandbox/clock`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-support', 'content-type': 'application/json' },
      body: JSON.stringify({ offsetMs: 20 * 60_000 }),
    });
    expect(clock.ok).to.equal(true);
    expect(await undo(el)).to.equal('void-window-closed');
    expect($(el, '[part="undo-error"]')!.textContent).to.contain('Käyttöä ei peruttu');
    expect($(el, '[part="result"]')!.dataset.outcome).to.equal('registered');
    await el.syncNow();
    const status = () => $$(el, '[part="sync-status"] [data-sync]').map((b) => b.dataset.sync);
    await until(() => status().includes('all-sent') || status().includes('attention'), { step: step(el) });
    expect(status()).to.not.include('attention');
    expect($(el, '[part="needs-attention"]')).to.equal(null);
  });
});
