// The core box-office flows end to end in Firefox (WebDriver BiDi) and WebKit (WebKitGTK, classic WebDriver), as
// element.e2e.test.ts runs them in Chromium: the real sandbox, the demo box office with its strict CSP, real key
// events. "Offline" is the API becoming unreachable (a proxy in front of the sandbox refuses connections), which
// is what a box office sees when its network drops; neither driver can switch the browser itself offline.
// (The steps and the stack: ../support/engine-box-office.ts; the shift and the results: engines-shift.e2e.test.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedEngine } from '../support/e2e-shared.js';
import type { DriverEngine, EngineBrowser } from '../support/engine-driver.js';
import {
  axeViolations,
  confirm,
  part,
  pending,
  press,
  ready,
  scan,
  type,
  until,
  useBoxOfficeStack,
} from '../support/engine-box-office.js';
import { postElsewhere } from '../support/element-harness.js';

const stack = useBoxOfficeStack();
const { usageCount, boxOffice } = stack;
const proxy = {
  offline: () => stack.proxy.offline(),
  online: () => stack.proxy.online(),
};

describe.each(['firefox', 'webkit'] as DriverEngine[])('<kaiku-scanner> in %s', (engine) => {
  let browser: EngineBrowser;

  beforeAll(async () => {
    browser = await sharedEngine(engine);
  });

  it('undo: the result screen takes the usage back, and Kaikukanta gives it back', async (ctx) => {
    const s = await browser.session();
    try {
      const tab = await ready(await s.open(boxOffice('sv')));
      await scan(ctx, tab, 'A999005458', `${part('card-panel')}?.textContent.includes('A999005458')`);
      await confirm(tab);
      await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'registered'`);
      expect(await usageCount('A999005458')).toBe(1);
      await until(tab, `${part('undo-button')}?.textContent.includes('Ångra: A999005458')`);
      await tab.run(`document.querySelector('kaiku-scanner').shadowRoot.querySelector('[part~="undo-button"]').click();
        return true;`);
      await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'voided'`);
      expect(await usageCount('A999005458')).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('manual entry: a typed ID is looked up and registered', async () => {
    const s = await browser.session();
    try {
      const tab = await ready(await s.open(boxOffice()));
      await tab.run(`document.querySelector('kaiku-scanner').shadowRoot.querySelector('#manual').focus();`);
      await type(tab, 'A999005429');
      await press(tab, 'Enter');
      await until(tab, `${part('card-panel')}?.textContent.includes('A999005429')`);
      await confirm(tab);
      await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'registered'`);
      expect(await usageCount('A999005429')).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('offline: the usage is queued with a badge, then sent once the API is reachable again', async (ctx) => {
    const s = await browser.session();
    try {
      const tab = await ready(await s.open(boxOffice()));
      // Looked up once online, so the offline decision has a cached record.
      await scan(ctx, tab, 'A999005461', part('tickets'));
      await press(tab, 'Escape');
      await until(tab, `root.querySelector('#manual')`);
      await proxy.offline();
      await scan(ctx, tab, 'A999005461', part('tickets'));
      await confirm(tab);
      await until(tab, part('queued-badge'), 30_000);
      await until(tab, pending(1));
      expect(await usageCount('A999005461')).toBe(0);
      await proxy.online();
      await until(tab, pending(0), 60_000);
      expect(await usageCount('A999005461')).toBe(1);
      await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'registered'`);
      expect(
        await tab.run(
          `return document.querySelector('kaiku-scanner').shadowRoot.querySelector('[part~="queued-badge"]') === null;`,
        ),
      ).toBe(true);
    } finally {
      await proxy.online();
      await s.close();
    }
  });

  it('two tabs, one outbox: each queues offline, both see both, each usage is sent exactly once', async (ctx) => {
    const s = await browser.session();
    try {
      const a = await ready(await s.open(boxOffice()));
      const b = await ready(await s.open(boxOffice('fi')));
      await proxy.offline();
      for (const [tab, id] of [
        [a, 'A999005458'],
        [b, 'A045198723'],
      ] as const) {
        await scan(ctx, tab, id, part('tickets'));
        await confirm(tab);
        await until(tab, part('queued-badge'), 30_000);
      }
      // One outbox in IndexedDB: each tab counts the other's queued usage too.
      await until(a, pending(2));
      await until(b, pending(2));
      await proxy.online();
      await until(a, pending(0), 60_000);
      await until(b, pending(0), 60_000);
      expect(await usageCount('A999005458')).toBe(1);
      expect(await usageCount('A045198723')).toBe(1);
    } finally {
      await proxy.online();
      await s.close();
    }
  });

  it("already used: this terminal refuses its own card again at once; another terminal's usage on confirming", async (ctx) => {
    const s = await browser.session();
    const refusal = `${part('refusal')}?.querySelector('li[data-code="already-used"]')?.textContent`;
    try {
      const tab = await ready(await s.open(boxOffice('fi')));
      await scan(ctx, tab, 'A045198723', part('tickets'));
      await confirm(tab);
      await until(tab, `${part('result')}?.getAttribute('data-outcome') === 'registered'`);
      await press(tab, 'Enter'); // next customer
      await until(tab, `root.querySelector('#manual')`);
      await scan(
        ctx,
        tab,
        'A045198723',
        `${refusal}?.startsWith('Kortilla on jo lippu tähän tapahtumaan (')`,
      );
      expect(await usageCount('A045198723')).toBe(1);
      await press(tab, 'Enter');
      await until(tab, `root.querySelector('#manual')`);
      // "Kassa 2" registers another card through the API; here the clerk sees it only on confirming.
      const res = await postElsewhere(stack.sandbox.url, 'A999005429', 'hilla-taikuri-matti', {
        terminal: 'Kassa 2',
        token: 'kassa-2',
      });
      expect(res.status).toBe(201);
      await scan(ctx, tab, 'A999005429', part('tickets'));
      await confirm(tab);
      await until(
        tab,
        `/^Kortilla on jo lippu tähän tapahtumaan \\(\\d{1,2}\\.\\d{1,2}\\.\\d{4} klo \\d\\d\\.\\d\\d, Kassa 2\\)\\.$/.test(${refusal})`,
      );
      expect(await usageCount('A999005429')).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('strict CSP: the whole flow with no CSP violation, and no axe violation', async (ctx) => {
    const res = await fetch(`${stack.web.url}/box-office/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    const s = await browser.session();
    try {
      const tab = await s.open(boxOffice());
      await tab.run(`
        window.violations = [];
        document.addEventListener('securitypolicyviolation', (e) =>
          window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
        return true;`);
      await ready(tab);
      await scan(ctx, tab, 'A045198723', part('tickets'));
      await confirm(tab);
      await until(tab, part('result'));
      expect(await tab.run<string[]>('return window.violations;')).toEqual([]);
      expect(await axeViolations(tab)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
