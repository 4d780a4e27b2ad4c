// Camera scanning end to end: real Chromium, its fake capture device fed a generated video of a card, the page
// served under a strict CSP (script-src/worker-src 'self'), startCameraScan from the public entry.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCardId } from '../../packages/core/src/card-id/parse-card-id.js';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import {
  STRICT_CSP,
  startCameraTestServer,
  type CameraTestServer,
} from '../support/card-video/camera-test-server.js';
import {
  launchCameraBrowser,
  openCameraPage,
  snapshot,
  startScan,
  stopScan,
  waitForState,
  watchFor,
} from '../support/card-video/launch-camera-browser.js';

let server: CameraTestServer;
beforeAll(async () => {
  server = await startCameraTestServer();
});
afterAll(async () => {
  await server?.close();
});

/** One browser per video: Chromium reads the fake camera's file at launch. */
function withCardVideo(video: () => string, body: (page: () => Page) => void): void {
  let browser: Browser;
  let current: Page;
  beforeAll(async () => {
    browser = await launchCameraBrowser({ video: video() });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeAll(async () => {
    current = await openCameraPage(browser, `${server.origin}/`);
  });
  body(() => current);
}

describe('camera: a QR card in front of the fake camera', () => {
  withCardVideo(
    () => generateCardVideo({ symbol: 'qr_code', text: 'A045198723' }),
    (page) => {
      it('reports the card ID once, decoding in the worker under a strict CSP, and releases the camera on stop()', async () => {
        const started = await startScan(page());
        expect(started).toMatchObject({ ok: true, secure: true });
        const first = await waitForState(page(), (s) => s.scans.length > 0);
        expect(first.scans.map(({ id, format }) => ({ id, format }))).toEqual([
          { id: 'A045198723', format: 'qr_code' },
        ]);
        expect(first.feedback).toEqual(['accepted']);
        // The card stays in view for two more loops of the video: still exactly one report.
        await watchFor(page(), { atLeastMs: 4500, frames: 12 });
        const later = await snapshot(page());
        expect(later.scans).toHaveLength(1);
        expect(later.errors).toEqual([]);
        expect(later.stats?.decoder).toBe('worker');
        expect(later.stats?.framesDecoded).toBeGreaterThan(10);
        expect(later.trackStates).toEqual(['live']);

        const stopped = await stopScan(page());
        expect(stopped.trackStates).toEqual(['ended']);
        expect(stopped.stops).toEqual(['stopped']);
        expect(stopped.srcObject).toBeNull();
        // Idempotent: a second stop changes nothing and reports nothing.
        const again = await stopScan(page());
        expect(again.stops).toEqual(['stopped']);
      });
    },
  );
});

describe('camera: a 1280×720 camera', () => {
  withCardVideo(
    () =>
      generateCardVideo({
        symbol: 'qr_code',
        text: 'Z000010669',
        width: 1280,
        height: 720,
        frames: 20,
        seed: 5,
      }),
    (page) => {
      it('opens at the ideal 1280×720 and reads the card in the worker', async () => {
        const started = await startScan(page());
        expect(started).toMatchObject({ ok: true, capabilities: { width: 1280, height: 720 } });
        const state = await waitForState(page(), (s) => s.scans.length > 0);
        expect(state.scans.map((s) => [s.id, s.format])).toEqual([['Z000010669', 'qr_code']]);
        expect(state.stats?.decoder).toBe('worker');
        expect((await stopScan(page())).trackStates).toEqual(['ended']);
      });
    },
  );
});

describe('camera: a portrait 720×1280 camera asked for 1280×720 (the browser shows its centre)', () => {
  withCardVideo(
    () =>
      generateCardVideo({
        symbol: 'qr_code',
        text: 'A045198723',
        width: 720,
        height: 1280,
        frames: 20,
        seed: 11,
      }),
    (page) => {
      it('decodes the region of what the preview shows, not the rows at the top of the buffer', async () => {
        // The middle half of the shown 720×720 is buffer rows 460–820, where the card is; the same rows counted from
        // the buffer's top (180–540) hold only its upper edge.
        const region = { x: 0, y: 0.25, width: 1, height: 0.5 };
        expect(await startScan(page(), { region })).toMatchObject({
          ok: true,
          capabilities: { width: 720, height: 720 },
        });
        const state = await waitForState(page(), (s) => s.scans.length > 0, 10_000);
        expect(state.scans.map((s) => s.id)).toEqual(['A045198723']);
        expect(state.stats?.decoder).toBe('worker');
        expect((await stopScan(page())).trackStates).toEqual(['ended']);
      });
    },
  );
});

describe('camera: a QR code that is not a card (a ticket) in front of the fake camera', () => {
  withCardVideo(
    () => generateCardVideo({ symbol: 'qr_code', text: 'TICKET-2026-0042', seed: 7 }),
    (page) => {
      it("reports one rejection with parseCardId's code, and never a scan", async () => {
        const expected = parseCardId('TICKET-2026-0042');
        expect(expected.ok).toBe(false);
        expect(await startScan(page())).toMatchObject({ ok: true });
        const state = await waitForState(page(), (s) => s.rejects.length > 0);
        expect(state.rejects).toEqual([expected.ok ? '' : expected.error.code]);
        expect(state.feedback).toEqual(['rejected']);
        await watchFor(page(), { atLeastMs: 2500, frames: 6 });
        const later = await stopScan(page());
        expect(later.rejects).toHaveLength(1);
        expect(later.scans).toEqual([]);
      });
    },
  );
});

describe('camera: a Code 39 card in front of the fake camera', () => {
  withCardVideo(
    () => generateCardVideo({ symbol: 'code_39', text: 'Y110029399' }),
    (page) => {
      it('reports the card ID once after agreeing frames, with an internal video element', async () => {
        expect(await startScan(page(), { internalVideo: true, code39Confirmations: 3 })).toMatchObject({
          ok: true,
        });
        const first = await waitForState(page(), (s) => s.scans.length > 0);
        expect(first.scans.map(({ id, format }) => ({ id, format }))).toEqual([
          { id: 'Y110029399', format: 'code_39' },
        ]);
        await watchFor(page(), { atLeastMs: 4500, frames: 12 });
        const later = await stopScan(page());
        expect(later.scans).toHaveLength(1);
        expect(later.errors).toEqual([]);
        expect(later.trackStates).toEqual(['ended']);
      });

      it('keeps suppressing a card that never leaves the view, even with a window shorter than a video loop', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          // The card never leaves the view, so the sliding window must suppress it however long it stays.
          expect(await startScan(p, { duplicateWindowMs: 300 })).toMatchObject({ ok: true });
          const state = await waitForState(p, (s) => s.scans.length > 0);
          expect(state.scans).toHaveLength(1);
          await watchFor(p, { atLeastMs: 3000, frames: 6 });
          expect((await stopScan(p)).scans).toHaveLength(1);
        } finally {
          await p.close();
        }
      });

      it('decodes only the region of interest: a corner without the card yields nothing', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p, { region: { x: 0, y: 0, width: 0.2, height: 0.2 } })).toMatchObject({
            ok: true,
          });
          await watchFor(p, { atLeastMs: 2000, frames: 6 });
          const state = await stopScan(p);
          expect(state.stats?.framesDecoded).toBeGreaterThan(5);
          expect(state.scans).toEqual([]);
        } finally {
          await p.close();
        }
      });

      it("decodes in the worker under Trusted Types with the SDK's named policy only, with no violation", async () => {
        // No `default` policy: the worker URL must go through the SDK's own `kaiku-scanner` policy.
        const csp = `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types kaiku-scanner`;
        const p = await openCameraPage(
          page().context().browser() as Browser,
          `${server.origin}/?csp=${encodeURIComponent(csp)}`,
        );
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          const state = await waitForState(p, (s) => s.scans.length > 0);
          expect(state.scans.map((s) => s.id)).toEqual(['Y110029399']);
          expect(state.stats?.decoder).toBe('worker');
          expect(state.violations).toEqual([]);
          expect((await stopScan(p)).trackStates.every((t) => t === 'ended')).toBe(true);
        } finally {
          await p.close();
        }
      });

      it('falls back to main-thread decoding when the CSP refuses workers, and still reads the card', async () => {
        const csp = "default-src 'self'; script-src 'self'; worker-src 'none'";
        const p = await openCameraPage(
          page().context().browser() as Browser,
          `${server.origin}/?csp=${encodeURIComponent(csp)}`,
        );
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          const state = await waitForState(p, (s) => s.scans.length > 0);
          expect(state.scans.map((s) => s.id)).toEqual(['Y110029399']);
          expect(state.stats?.decoder).toBe('main-thread');
          expect((await stopScan(p)).trackStates.every((t) => t === 'ended')).toBe(true);
        } finally {
          await p.close();
        }
      });
    },
  );
});

describe('camera: a Code 39 card printed with its mod-43 check character', () => {
  withCardVideo(
    () => generateCardVideo({ symbol: 'code_39', text: 'A999005458G', seed: 3 }),
    (page) => {
      it('accepts it with cardIdOptions.checkCharacter = verify (options reach the worker), else rejects it', async () => {
        expect(await startScan(page(), { cardIdOptions: { checkCharacter: 'verify' } })).toMatchObject({
          ok: true,
        });
        const verified = await waitForState(page(), (s) => s.scans.length > 0);
        expect(verified.scans.map((s) => s.id)).toEqual(['A999005458']);
        await stopScan(page());

        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          const plain = await waitForState(p, (s) => s.rejects.length > 0);
          expect(plain.rejects).toEqual(['unexpected-check-character']);
          expect((await stopScan(p)).scans).toEqual([]);
        } finally {
          await p.close();
        }
      });
    },
  );
});

describe('camera: cards shown one after another', () => {
  withCardVideo(
    () =>
      generateCardVideo({
        scenes: [
          { symbol: 'qr_code', text: 'A045198723', frames: 18 },
          { symbol: null, frames: 24 },
          { symbol: 'code_39', text: 'Y110029399', frames: 24 },
          { symbol: null, frames: 24 },
        ],
      }),
    (page) => {
      it('reports each appearance of a card once, and a card again after it was away longer than the window', async () => {
        // The loop is 6 s; each card is away for 4.8 s between its appearances.
        expect(await startScan(page(), { duplicateWindowMs: 1000 })).toMatchObject({ ok: true });
        const state = await waitForState(page(), (s) => s.scans.length >= 3, 15_000);
        const scans = (await stopScan(page())).scans;
        expect(state.scans.length).toBeGreaterThanOrEqual(3);
        const expectedFormat: Record<string, string> = { A045198723: 'qr_code', Y110029399: 'code_39' };
        for (const scan of scans) expect(scan.format).toBe(expectedFormat[scan.id]);
        // Alternating: one report per appearance, never two in a row for the same card.
        scans.slice(1).forEach((scan, i) => expect(scan.id).not.toBe(scans[i]?.id));
        expect(new Set(scans.map((s) => s.id))).toEqual(new Set(['A045198723', 'Y110029399']));
      });

      it('keeps a card suppressed while it comes back within the duplicate window', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p, { duplicateWindowMs: 10_000 })).toMatchObject({ ok: true });
          await waitForState(p, (s) => s.scans.length >= 2, 15_000);
          await watchFor(p, { atLeastMs: 6500, frames: 12 });
          const scans = (await stopScan(p)).scans;
          expect(scans.map((s) => s.id).sort()).toEqual(['A045198723', 'Y110029399']);
        } finally {
          await p.close();
        }
      });
    },
  );
});

describe('camera: lifecycle with an empty desk in view', () => {
  withCardVideo(
    () => generateCardVideo({ symbol: null }),
    (page) => {
      it('reports nothing from a video without a card', async () => {
        expect(await startScan(page())).toMatchObject({ ok: true });
        await watchFor(page(), { atLeastMs: 2500, frames: 6 });
        const state = await stopScan(page());
        expect(state.stats?.framesDecoded).toBeGreaterThan(5);
        expect(state.scans).toEqual([]);
        expect(state.rejects).toEqual([]);
      });

      it('releases a stream that arrives after the caller aborted the start', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          const result = await startScan(p, { abortAfterMs: 0 });
          expect(result).toMatchObject({ ok: false, code: 'camera-aborted', kaiku: true });
          // getUserMedia may still deliver its stream later: it must be stopped on arrival.
          const state = await waitForState(
            p,
            (s) => s.trackStates.length > 0 && s.trackStates.every((t) => t === 'ended'),
            5000,
          );
          expect(state.trackStates.every((t) => t === 'ended')).toBe(true);
          expect(state.stops).toEqual([]);
        } finally {
          await p.close();
        }
      });

      it('stops on pagehide', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          await p.evaluate(() =>
            window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })),
          );
          const state = await snapshot(p);
          expect(state.stops).toEqual(['page-hidden']);
          expect(state.trackStates).toEqual(['ended']);
        } finally {
          await p.close();
        }
      });

      it('stops when its video element leaves the document', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          await p.evaluate(() => document.querySelector('video')?.remove());
          const state = await waitForState(p, (s) => s.stops.length > 0);
          expect(state.stops).toEqual(['element-disconnected']);
          expect(state.trackStates).toEqual(['ended']);
        } finally {
          await p.close();
        }
      });

      it('reports camera-ended when the track ends underneath it (camera unplugged)', async () => {
        const p = await openCameraPage(page().context().browser() as Browser, `${server.origin}/`);
        try {
          expect(await startScan(p)).toMatchObject({ ok: true });
          // track.stop() does not fire 'ended'; the browser fires it when the device goes away, so simulate that.
          await p.evaluate(() => {
            const video = document.querySelector('video') as HTMLVideoElement;
            const track = (video.srcObject as MediaStream).getVideoTracks()[0] as MediaStreamTrack;
            track.dispatchEvent(new Event('ended'));
          });
          const state = await snapshot(p);
          expect(state.errors).toEqual(['camera-ended']);
          expect(state.stops).toEqual(['track-ended']);
          expect(state.trackStates).toEqual(['ended']);
        } finally {
          await p.close();
        }
      });
    },
  );
});
