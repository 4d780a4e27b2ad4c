// Degraded decoding is visible in the element (issue 30.5): the real demo box office under its strict CSP, Chromium's
// fake camera fed a card video, and a deployment that breaks the decoder one way at a time — the worker file not
// served (404), a Trusted Types list without `kaiku-scanner`, the WebAssembly file not served. In every case the
// card is still read, staff see a calm notice (`camera-notice`, not an alert) and the host one `kaiku-error`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import { launchCameraBrowser } from '../support/card-video/launch-camera-browser.js';
import { openBoxOffice, part, useHarness } from '../support/element-harness.js';

const harness = useHarness();

/** Breaks one part of the deployment before the page loads. */
const BROKEN: Record<string, { code: string; breakIt: (c: BrowserContext) => Promise<unknown> }> = {
  'the worker file answers 404': {
    code: 'camera-decoder-main-thread',
    breakIt: (c) => c.route('**/decode-worker*.js', (r) => r.fulfill({ status: 404, body: 'not found' })),
  },
  'the Trusted Types list lacks kaiku-scanner': {
    code: 'camera-decoder-main-thread',
    breakIt: (c) =>
      c.route('**/box-office/**', async (r) => {
        if (r.request().resourceType() !== 'document') return r.continue();
        const res = await r.fetch();
        const headers = res.headers();
        headers['content-security-policy'] = headers['content-security-policy']!.replace(
          'trusted-types lit-html kaiku-scanner',
          'trusted-types lit-html',
        );
        await r.fulfill({ response: res, headers });
      }),
  },
  'zxing_reader.wasm answers 404': {
    code: 'camera-decoder-degraded',
    breakIt: (c) => c.route('**/*.wasm', (r) => r.fulfill({ status: 404, body: 'not found' })),
  },
};

describe('<kaiku-scanner> camera with a degraded decoder', () => {
  // One browser for the video (Chromium reads the fake camera's file at launch); each test opens the camera anew in
  // a fresh context, so the file starts again, and breaks the deployment in that context only.
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchCameraBrowser({
      video: generateCardVideo({ symbol: 'qr_code', text: 'A045198723' }),
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [name, { code, breakIt }] of Object.entries(BROKEN)) {
    it(`${name}: the card is read, a calm ${code} notice, one kaiku-error`, async () => {
      const s = await openBoxOffice(
        { ...harness(), browser },
        { path: '/box-office/?lang=en', beforeLoad: breakIt },
      );
      try {
        await s.page.evaluate(() => {
          const w = window as unknown as { cameraErrors: string[] };
          w.cameraErrors = [];
          document.addEventListener('kaiku-error', (e) => {
            if (e.detail.stage === 'camera') w.cameraErrors.push(e.detail.code);
          });
        });
        await s.page.locator(part('camera-button')).click();
        const notice = s.page.locator(`${part('camera-notice')}[data-code="${code}"]`);
        await notice.waitFor({ timeout: 60_000 });
        expect(await notice.getAttribute('role')).toBe('status');
        expect(await notice.getAttribute('class')).toContain('warn');
        // Scanning goes on: the card in front of the camera is looked up.
        await s.page.locator(part('tickets')).waitFor({ timeout: 60_000 });
        const errors = await s.page.evaluate(
          () => (window as unknown as { cameraErrors: string[] }).cameraErrors,
        );
        expect(errors.filter((c) => c === code)).toEqual([code]);
      } finally {
        await s.context.close();
      }
    });
  }
});
