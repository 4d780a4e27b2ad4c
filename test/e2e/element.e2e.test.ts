// <kaiku-scanner> end to end: real Chromium, the real sandbox, the demo box office served with the strict CSP,
// real key events. Every visible state is checked with axe-core and screenshotted at 320 px and 1920 px.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import { launchCameraBrowser } from '../support/card-video/launch-camera-browser.js';
import {
  axeViolations,
  countUsages,
  openBoxOffice,
  screenshotState,
  part,
  useHarness,
  waitForPart,
  wedgeScan,
  type ScannerPage,
} from '../support/element-harness.js';

const LANGS = ['fi', 'sv', 'en'] as const;
type Lang = (typeof LANGS)[number];

/** Texts the tests look for, per language (from the element's translations). */
const T: Record<Lang, { ready: string; registered: string; queued: string; refused: string; next: string }> =
  {
    fi: {
      ready: 'Lue kortti',
      registered: 'Kirjattu Kaikukantaan',
      queued: 'Tallennettu',
      refused: 'Lippua ei voi antaa',
      next: 'Seuraava asiakas',
    },
    sv: {
      ready: 'Läs kortet',
      registered: 'Registrerat i Kaikukanta',
      queued: 'Sparat',
      refused: 'Ingen biljett kan ges',
      next: 'Nästa kund',
    },
    en: {
      ready: 'Read a card',
      registered: 'Registered in Kaikukanta',
      queued: 'Saved',
      refused: 'No ticket can be given',
      next: 'Next customer',
    },
  };

const harness = useHarness();

const usageCount = (cardId: string, showId: string): Promise<number> =>
  countUsages(harness().apiUrl, cardId, showId);

async function expectAccessible(page: Page, state: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `axe violations in ${state}`).toEqual([]);
}

async function check(s: ScannerPage, state: string, lang: Lang): Promise<void> {
  await expectAccessible(s.page, `${state}/${lang}`);
  await screenshotState(s.page, state, lang);
}

async function open(lang: Lang, show = 'hilla-taikuri-matti', colorScheme: 'light' | 'dark' = 'light') {
  const s = await openBoxOffice(harness(), {
    lang,
    path: `/box-office/?show=${show}&lang=${lang}`,
    colorScheme,
  });
  await s.page.locator(part('cap-meter')).waitFor();
  return s;
}

async function typeManual(s: ScannerPage, id: string): Promise<void> {
  await s.page.locator('kaiku-scanner #manual').focus();
  await s.page.keyboard.type(id, { delay: 90 });
  await s.page.keyboard.press('Enter');
}

/**
 * Each flow runs once, the languages taking turns (flow i in LANGS[i % 3]): what a flow does does not depend on the
 * language; its words do, and element-screens, element-results and element-refusal-texts render every state in fi,
 * sv and en. (Each flow in all three took 21 of this file's 30 tests.)
 */
let turn = 0;
function inTurn(name: string, flow: (lang: Lang) => Promise<void>): void {
  const lang = LANGS[turn++ % LANGS.length]!;
  it(`${name} (${lang})`, () => flow(lang));
}

describe('<kaiku-scanner> flows, the languages taking turns', () => {
  inTurn(
    'wedge scan → card → children bounded by the rules → registered → ready, keyboard only',
    async (lang) => {
      const s = await open(lang);
      await expect.poll(() => s.page.locator('kaiku-scanner h3').first().textContent()).toBe(T[lang].ready);
      await check(s, 'ready', lang);
      await wedgeScan(s.cdp, 'A045198723');
      await waitForPart(s.page, 'card-panel');
      await expect.poll(() => s.page.locator(part('card-panel')).textContent()).toContain('A045198723');
      await check(s, 'card-client', lang);
      // The child stepper has focus and stops at the 2 registered minors.
      for (let i = 0; i < 4; i++) await s.page.keyboard.press('ArrowUp');
      const stepper = s.page.locator('kaiku-scanner #children-value');
      await expect.poll(() => stepper.getAttribute('aria-valuenow')).toBe('2');
      await s.page.keyboard.press('Enter');
      await s.page.locator(part('result')).waitFor();
      expect(await s.page.locator(part('result')).getAttribute('data-outcome')).toBe('registered');
      expect(await s.page.locator(part('result')).textContent()).toContain(T[lang].registered);
      expect(await usageCount('A045198723', 'hilla-taikuri-matti')).toBe(1);
      await check(s, 'registered', lang);
      // Ready for the next customer: the next scan starts over without touching the mouse.
      await wedgeScan(s.cdp, 'A999005458');
      await waitForPart(s.page, 'card-panel');
      expect(await s.page.locator(part('card-panel')).textContent()).toContain('A999005458');
      expect(s.errors).toEqual([]);
      await s.context.close();
    },
  );

  inTurn('manual entry with format hint; a malformed ID says what is wrong', async (lang) => {
    const s = await open(lang);
    await typeManual(s, 'E1234');
    await expect
      .poll(() => s.page.locator('kaiku-scanner #manual').getAttribute('aria-invalid'))
      .toBe('true');
    expect((await s.page.locator('kaiku-scanner #manual-error').textContent())?.length).toBeGreaterThan(10);
    await check(s, 'manual-invalid', lang);
    await s.page.locator('kaiku-scanner #manual').fill('');
    await typeManual(s, 'a999005429');
    await waitForPart(s.page, 'card-panel');
    expect(await s.page.locator(part('card-panel')).textContent()).toContain('A999005429');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('result')).waitFor();
    expect(await usageCount('A999005429', 'hilla-taikuri-matti')).toBe(1);
    await s.context.close();
  });

  inTurn(
    'refuses with every reason: inactive, use ban, in transfer, expired, not registered',
    async (lang) => {
      const s = await open(lang);
      const cases: Array<[string, string]> = [
        ['A999005380', 'card-inactive'],
        ['A999991234', 'card-use-banned'],
        ['A999005403', 'card-in-transfer'],
        ['A999005416', 'card-expired'],
      ];
      for (const [id, code] of cases) {
        await wedgeScan(s.cdp, id);
        await s.page.locator(`${part('refusal')} li[data-code="${code}"]`).waitFor();
        expect(await s.page.locator(part('refusal')).textContent()).toContain(T[lang].refused.slice(0, 10));
        expect(await s.page.locator(part('confirm-button')).count()).toBe(0);
        if (code === 'card-inactive') await check(s, 'refused', lang);
        await s.page.keyboard.press('Escape');
        await s.page.locator('kaiku-scanner #manual').waitFor();
      }
      await wedgeScan(s.cdp, 'A999000001');
      await s.page.locator(`${part('error')}[data-code="card-not-registered"]`).waitFor();
      await check(s, 'not-registered', lang);
      expect(await usageCount('A999005380', 'hilla-taikuri-matti')).toBe(0);
      await s.context.close();
    },
  );

  inTurn(
    'course and booking-window refusals: community card on a course, no children on a course, booking not open',
    async (lang) => {
      const s = await open(lang, 'hilla-keramiikka');
      await wedgeScan(s.cdp, 'Y110029399');
      await s.page.locator(`${part('refusal')} li[data-code="community-card-on-course"]`).waitFor();
      await s.page.keyboard.press('Escape');
      // A client card with 2 minors gets a course place for the holder only: no child stepper at all.
      await wedgeScan(s.cdp, 'A045198723');
      await s.page.locator(part('tickets')).waitFor();
      expect(await s.page.locator('kaiku-scanner #children-value').count()).toBe(0);
      await s.page.keyboard.press('Enter');
      await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor();
      expect(await usageCount('A045198723', 'hilla-keramiikka')).toBe(1);
      await s.page.keyboard.press('Enter');
      // Booking for the premiere opens one month before it: the rules refuse now, before anything is sent.
      await s.page.locator('kaiku-scanner #show-select').selectOption('hilla-ensi-ilta');
      await wedgeScan(s.cdp, 'A999005458');
      await s.page.locator(`${part('refusal')} li[data-code="booking-not-open"]`).waitFor();
      await check(s, 'refused-window', lang);
      expect(await usageCount('A999005458', 'hilla-ensi-ilta')).toBe(0);
      expect(s.errors).toEqual([]);
      await s.context.close();
    },
  );

  inTurn(
    'community card: each member card typed, under-16 clients counted, registered once',
    async (lang) => {
      const s = await open(lang);
      await wedgeScan(s.cdp, 'Y110029399');
      await s.page.locator(part('tickets')).waitFor();
      // Without a group the rules refuse; the confirm button says so.
      expect(await s.page.locator(part('confirm-button')).getAttribute('aria-disabled')).toBe('true');
      // The member field has focus: a wedge scan adds to the group instead of starting over.
      await wedgeScan(s.cdp, 'A999005458');
      await expect
        .poll(() => s.page.locator('kaiku-scanner .group-list').textContent())
        .toContain('A999005458');
      await s.page.keyboard.type('A999005429', { delay: 80 });
      await s.page.keyboard.press('Enter');
      await expect.poll(() => s.page.locator('kaiku-scanner .group-list li').count()).toBe(2);
      await s.page.locator('kaiku-scanner #under16-value').focus();
      await s.page.keyboard.press('ArrowUp');
      await s.page.keyboard.press('ArrowUp');
      await expect
        .poll(() => s.page.locator(part('confirm-button')).getAttribute('aria-disabled'))
        .toBe('false');
      await check(s, 'community-group', lang);
      await s.page.keyboard.press('Enter');
      await s.page.locator(part('result')).waitFor();
      expect(await s.page.locator(part('result')).getAttribute('data-outcome')).toBe('registered');
      expect(await usageCount('Y110029399', 'hilla-taikuri-matti')).toBe(1);
      await s.context.close();
    },
  );

  inTurn('cap reached: the meter fills and the next card is refused with the cap reason', async (lang) => {
    const s = await open(lang, 'hilla-kamari');
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('result')).waitFor();
    await s.page.keyboard.press('Enter');
    await wedgeScan(s.cdp, 'X000011986');
    await s.page.locator(`${part('refusal')} li[data-code="cap-reached"]`).waitFor();
    expect(await s.page.locator('kaiku-scanner [role="meter"]').getAttribute('aria-valuenow')).toBe('1');
    await check(s, 'cap-reached', lang);
    expect(await usageCount('X000011986', 'hilla-kamari')).toBe(0);
    await s.context.close();
  });

  inTurn(
    'offline: the usage is queued with a clear badge, then sent when the network returns',
    async (lang) => {
      const s = await open(lang);
      // Look the card up once online so the offline decision has a cached record.
      await wedgeScan(s.cdp, 'A999005461');
      await s.page.locator(part('tickets')).waitFor();
      await s.page.keyboard.press('Escape');
      await s.context.setOffline(true);
      await wedgeScan(s.cdp, 'A999005461');
      await s.page.locator(part('tickets')).waitFor();
      await s.page.keyboard.press('ArrowUp');
      await s.page.keyboard.press('Enter');
      await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
      expect(await s.page.locator(part('result')).textContent()).toContain(T[lang].queued);
      await expect
        .poll(() => s.page.locator('kaiku-scanner [data-pending]').getAttribute('data-pending'))
        .toBe('1');
      await check(s, 'queued', lang);
      expect(await usageCount('A999005461', 'hilla-taikuri-matti')).toBe(0);
      await s.context.setOffline(false);
      await expect
        .poll(() => s.page.locator('kaiku-scanner [data-pending]').getAttribute('data-pending'), {
          timeout: 30_000,
        })
        .toBe('0');
      expect(await usageCount('A999005461', 'hilla-taikuri-matti')).toBe(1);
      // The clerk still looking at the screen sees that it has now been sent.
      await expect.poll(() => s.page.locator(part('result')).getAttribute('data-outcome')).toBe('registered');
      expect(await s.page.locator(part('queued-badge')).count()).toBe(0);
      await s.context.close();
    },
  );
});

describe('<kaiku-scanner> needs attention', () => {
  it('an unknown card accepted offline and refused by the server later is listed for staff, with the reason', async () => {
    const s = await open('en');
    await s.context.setOffline(true);
    await wedgeScan(s.cdp, 'A999000001');
    await s.page.locator(part('tickets')).waitFor();
    expect(await s.page.locator(part('card-panel')).textContent()).toContain('Not verified');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('queued-badge')).waitFor({ timeout: 30_000 });
    await s.context.setOffline(false);
    await s.page
      .locator(`${part('needs-attention')} li[data-code="card-not-registered"]`)
      .waitFor({ timeout: 30_000 });
    expect(await s.page.locator(part('needs-attention')).textContent()).toContain('A999000001');
    await expect
      .poll(() => s.page.locator('kaiku-scanner [data-pending]').getAttribute('data-pending'))
      .toBe('0');
    await check(s, 'needs-attention', 'en');
    expect(await usageCount('A999000001', 'hilla-taikuri-matti')).toBe(0);
    // Refused on sync: the screen must not claim it was registered, nor that it is still waiting to be sent.
    expect(await s.page.locator(part('result')).getAttribute('data-outcome')).toBe('refused-later');
    const result = (await s.page.locator(part('result')).textContent()) ?? '';
    expect(result).toContain('did not accept');
    expect(result).toContain('not registered in Kaikukanta');
    expect(await s.page.locator(part('queued-badge')).count()).toBe(0);
    await s.context.close();
  });
});

describe('<kaiku-scanner> wedge calibration', () => {
  it('learns the reader from one scan, and the stored profile works when passed back', async () => {
    const s = await open('en');
    // Calibration is listening once this evaluate returns (no fixed wait: a loaded page may take longer than one).
    await s.page.evaluate(() => {
      const w = window as unknown as { calibrated: Promise<unknown> };
      w.calibrated = document.querySelector('kaiku-scanner')!.calibrateScanner(10_000);
    });
    await wedgeScan(s.cdp, 'X000011656');
    const result = (await s.page.evaluate(
      () => (window as unknown as { calibrated: Promise<unknown> }).calibrated,
    )) as Awaited<ReturnType<HTMLElementTagNameMap['kaiku-scanner']['calibrateScanner']>>;
    expect(result.ok).toBe(true);
    // Calibration reads without reporting a scan: the element is still ready.
    expect(await s.page.locator('kaiku-scanner #manual').count()).toBe(1);
    await s.page.evaluate(
      (profile) => {
        const el = document.querySelector('kaiku-scanner')!;
        el.wedgeOptions = { profile: profile as never };
      },
      result.ok ? result.profile : null,
    );
    await wedgeScan(s.cdp, 'A999005458');
    await s.page.locator(part('tickets')).waitFor();
    expect(await s.page.locator(part('card-panel')).textContent()).toContain('A999005458');
    await s.context.close();
  });
});

describe('<kaiku-scanner> under the strict CSP', () => {
  it('runs the whole flow with no CSP violation, in dark mode, with no axe violation', async () => {
    const s = await openBoxOffice(harness(), { colorScheme: 'dark', path: '/box-office/?lang=fi' });
    const res = await fetch(`${harness().webUrl}/box-office/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    // Trusted Types with named policies only (lit's and the SDK's): no page-wide `default` policy to lean on.
    expect(csp).toContain("require-trusted-types-for 'script'; trusted-types lit-html kaiku-scanner");
    expect(
      await s.page.evaluate(
        () =>
          (globalThis as unknown as { trustedTypes: { defaultPolicy: unknown } }).trustedTypes.defaultPolicy,
      ),
    ).toBeNull();
    await s.page.evaluate(() => {
      (window as unknown as { violations: string[] }).violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { violations: string[] }).violations.push(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    await s.page.locator(part('cap-meter')).waitFor();
    await check(s, 'dark-ready', 'fi');
    await wedgeScan(s.cdp, 'A045198723');
    await s.page.locator(part('tickets')).waitFor();
    await check(s, 'dark-card', 'fi');
    await s.page.keyboard.press('Enter');
    await s.page.locator(part('result')).waitFor();
    await check(s, 'dark-registered', 'fi');
    expect(await s.page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual(
      [],
    );
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});

describe('<kaiku-scanner> keeps its Trusted Types policy name (issue 31.8)', () => {
  it('claims `kaiku-scanner` on definition: a later script cannot create a policy of that name', async () => {
    const s = await openBoxOffice(harness(), { path: '/box-office/?lang=en' });
    await s.page.locator(part('cap-meter')).waitFor();
    const taken = await s.page.evaluate(() => {
      const tt = (globalThis as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } })
        .trustedTypes;
      try {
        tt.createPolicy('kaiku-scanner', { createScriptURL: (url: string) => url });
        return 'created';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(taken).toBe('TypeError'); // before: 'created', and any URL would then pass as the worker
    await s.context.close();
  });
});

describe('<kaiku-scanner> theme attribute', () => {
  it('theme="dark" on a light page: refusal and error states keep AA contrast (axe)', async () => {
    const s = await open('sv');
    await s.page.evaluate(() => {
      document.querySelector('kaiku-scanner')!.theme = 'dark';
    });
    await expect.poll(() => s.page.locator('kaiku-scanner').getAttribute('theme')).toBe('dark');
    const bg = await s.page.evaluate(() => {
      const base = document.querySelector('kaiku-scanner')!.shadowRoot!.querySelector('.base')!;
      return getComputedStyle(base).backgroundColor;
    });
    expect(bg).toBe('rgb(21, 24, 29)');
    await wedgeScan(s.cdp, 'A999991234');
    await s.page.locator(`${part('refusal')} li[data-code="card-use-banned"]`).waitFor();
    await check(s, 'dark-refused', 'sv');
    await s.page.keyboard.press('Escape');
    await wedgeScan(s.cdp, 'A999000001');
    await s.page.locator(part('error')).waitFor();
    await check(s, 'dark-error', 'sv');
    await s.context.close();
  });
});

/** Records every text the camera's "nothing found" hint shows (it goes when the camera stops). */
async function watchCameraHint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { hintSeen: string[] };
    w.hintSeen = [];
    setInterval(() => {
      const hint = document.querySelector('kaiku-scanner')?.shadowRoot?.querySelector('[part="camera-hint"]');
      const text = hint?.textContent?.trim() ?? '';
      if (text !== '' && !w.hintSeen.includes(text)) w.hintSeen.push(text);
    }, 100);
  });
}

describe('<kaiku-scanner> with a camera', () => {
  it('a camera that finds no card shows a frame, then after a while what to try, said once', async () => {
    const video = generateCardVideo({ symbol: null });
    const browser = await launchCameraBrowser({ video });
    try {
      const s = await openBoxOffice({ ...harness(), browser }, { path: '/box-office/?lang=en' });
      await watchCameraHint(s.page);
      await s.page.locator(part('camera-button')).click();
      await s.page.locator(part('aim-guide')).waitFor();
      expect(await s.page.locator('kaiku-scanner #aim-text').textContent()).toMatch(/inside the frame/);
      const hint = s.page.locator(part('camera-hint'));
      expect(await hint.getAttribute('role')).toBe('status');
      // Not at once: the clerk gets a moment to aim first.
      expect((await hint.textContent())?.trim()).toBe('');
      await expect
        .poll(() => hint.textContent(), { timeout: 30_000 })
        .toMatch(/more light.*turn the card over/);
      // Shown once: the same text, not repeated into the live region.
      await s.page.waitForTimeout(1000);
      expect(
        await s.page.evaluate(() => (window as unknown as { hintSeen: string[] }).hintSeen),
      ).toHaveLength(1);
      // Closing the camera takes the hint away.
      await s.page.locator(part('camera-button')).click();
      await expect.poll(() => hint.count()).toBe(0);
      expect(s.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('opens the camera from the keyboard, reads a QR card from the fake capture device and looks it up', async () => {
    const video = generateCardVideo({ symbol: 'qr_code', text: 'A045198723' });
    const browser = await launchCameraBrowser({ video });
    try {
      const s = await openBoxOffice({ ...harness(), browser }, { path: '/box-office/?lang=en' });
      await watchCameraHint(s.page);
      await s.page.locator(part('camera-button')).focus();
      await s.page.keyboard.press('Enter');
      await expect
        .poll(() => s.page.locator(part('camera-button')).getAttribute('aria-pressed'))
        .toBe('true');
      // The frame shows where to hold the card while the camera looks.
      await s.page.locator(part('aim-guide')).waitFor();
      await s.page.locator(part('card-panel')).waitFor({ timeout: 60_000 });
      // A card found: the "nothing found" hint never came up.
      expect(await s.page.evaluate(() => (window as unknown as { hintSeen: string[] }).hintSeen)).toEqual([]);
      expect(await s.page.locator(part('card-panel')).textContent()).toContain('A045198723');
      // The camera is released once the card is read.
      await expect
        .poll(() =>
          s.page.evaluate(
            () =>
              document.querySelector('kaiku-scanner')?.shadowRoot?.querySelector('video')?.srcObject ?? null,
          ),
        )
        .toBe(null);
      expect(s.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('<kaiku-scanner> when the camera is refused', () => {
  it('explains a denied camera in plain language and keeps the wedge and manual entry working', async () => {
    // A camera is there, and its permission prompt is refused.
    const browser = await launchCameraBrowser({
      video: null,
      grant: false,
      extraArgs: ['--use-fake-device-for-media-stream'],
    });
    try {
      const s = await openBoxOffice({ ...harness(), browser }, { path: '/box-office/?lang=fi' });
      const codes: string[] = [];
      await s.page.exposeFunction('recordError', (code: string) => codes.push(code));
      await s.page.evaluate(() =>
        document.addEventListener('kaiku-error', (e) =>
          (window as unknown as { recordError: (c: string) => void }).recordError(e.detail.code),
        ),
      );
      await s.page.locator(part('camera-button')).focus();
      await s.page.keyboard.press('Enter');
      await s.page.locator('kaiku-scanner #camera-error').waitFor({ timeout: 30_000 });
      expect(codes.some((c) => c.startsWith('camera-'))).toBe(true);
      expect(
        ((await s.page.locator('kaiku-scanner #camera-error').textContent()) ?? '').length,
      ).toBeGreaterThan(20);
      await expect
        .poll(() => s.page.locator(part('camera-button')).getAttribute('aria-pressed'))
        .toBe('false');
      await check(s, 'camera-denied', 'fi');
      await wedgeScan(s.cdp, 'A999005458');
      await s.page.locator(part('tickets')).waitFor();
    } finally {
      await browser.close();
    }
  });
});

describe('examples', () => {
  it('plain HTML page: the single-file bundle, configured by attributes, registers a usage', async () => {
    const s = await openBoxOffice(harness(), { path: '/plain-html/' });
    const scripts = await s.page.evaluate(() => Array.from(document.scripts, (x) => x.src.split('/').pop()));
    expect(scripts).toEqual(['kaiku-scanner.bundle.js', 'plain.js']);
    await expect.poll(() => s.page.locator('kaiku-scanner h3').first().textContent()).toBe('Read a card');
    await wedgeScan(s.cdp, 'A999005429');
    await s.page.locator(part('tickets')).waitFor();
    await s.page.keyboard.press('Enter');
    await s.page.locator(`${part('result')}[data-outcome="registered"]`).waitFor();
    expect(await usageCount('A999005429', 'plain-demo')).toBe(1);
    expect(s.errors).toEqual([]);
    await s.context.close();
  });
});
