// Camera failure paths in real Chromium: each must end in a stable code (with fi/sv/en guidance) and no camera
// left on. Permission, missing camera, insecure origin and over-constraint come from the browser itself; the
// in-use mapping from a stubbed MediaDevices (a busy device cannot be provoked from a headless test).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCardVideo } from '../support/card-video/generate-card-video.js';
import { startCameraTestServer, type CameraTestServer } from '../support/card-video/camera-test-server.js';
import {
  launchCameraBrowser,
  openCameraPage,
  snapshot,
  startScan,
  stopScan,
  waitForState,
} from '../support/card-video/launch-camera-browser.js';

let server: CameraTestServer;
const browsers: Browser[] = [];
beforeAll(async () => {
  server = await startCameraTestServer();
});
afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await server?.close();
});

async function launch(options: Parameters<typeof launchCameraBrowser>[0]): Promise<Browser> {
  const browser = await launchCameraBrowser(options);
  browsers.push(browser);
  return browser;
}

describe('camera errors', () => {
  it('reports camera-permission-denied when the user refuses the camera prompt', async () => {
    const browser = await launch({ video: generateCardVideo({ symbol: null }), grant: false });
    const page = await openCameraPage(browser, `${server.origin}/`);
    expect(await startScan(page)).toEqual({ ok: false, code: 'camera-permission-denied', kaiku: true });
    const state = await snapshot(page);
    expect(state.trackStates).toEqual([]);
    expect(state.stops).toEqual([]);
  });

  it('reports camera-not-found on a machine without a camera', async () => {
    const browser = await launch({ video: null });
    const page = await openCameraPage(browser, `${server.origin}/`);
    expect(await startScan(page)).toEqual({ ok: false, code: 'camera-not-found', kaiku: true });
  });

  it('reports camera-insecure-context on a plain http:// origin that is not localhost', async () => {
    const browser = await launch({
      video: generateCardVideo({ symbol: null }),
      extraArgs: ['--host-resolver-rules=MAP kaiku-box-office.test 127.0.0.1'],
    });
    const page = await openCameraPage(browser, `http://kaiku-box-office.test:${server.port}/`);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    expect(await startScan(page)).toEqual({ ok: false, code: 'camera-insecure-context', kaiku: true });
  });

  describe('with a fake camera', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launch({ video: generateCardVideo({ symbol: null }) });
    });

    it('reports camera-overconstrained for a camera that does not exist, holding no track', async () => {
      const page = await openCameraPage(browser, `${server.origin}/`);
      expect(await startScan(page, { deviceId: 'no-such-camera' })).toEqual({
        ok: false,
        code: 'camera-overconstrained',
        kaiku: true,
      });
      expect((await snapshot(page)).trackStates.every((t) => t === 'ended')).toBe(true);
    });

    for (const [name, code] of [
      ['NotReadableError', 'camera-in-use'],
      ['TrackStartError', 'camera-in-use'],
      ['NotAllowedError', 'camera-permission-denied'],
      ['NotFoundError', 'camera-not-found'],
      ['OverconstrainedError', 'camera-overconstrained'],
      ['SomethingNewError', 'camera-failed'],
    ] as const) {
      it(`maps getUserMedia's ${name} to ${code}`, async () => {
        const page = await openCameraPage(browser, `${server.origin}/`);
        expect(await startScan(page, { failWith: name })).toEqual({ ok: false, code, kaiku: true });
      });
    }

    it('gives every error code its guidance in Finnish, Swedish and English', async () => {
      const page = await openCameraPage(browser, `${server.origin}/`);
      const texts = await page.evaluate(() =>
        (
          window as unknown as { cameraTest: { errorTexts(): Record<string, Record<string, string>> } }
        ).cameraTest.errorTexts(),
      );
      expect(Object.keys(texts)).toEqual(
        expect.arrayContaining([
          'camera-permission-denied',
          'camera-in-use',
          'camera-insecure-context',
          'camera-not-found',
        ]),
      );
      for (const text of Object.values(texts)) {
        expect(text.fi && text.sv && text.en).toBeTruthy();
        expect(new Set([text.fi, text.sv, text.en]).size).toBe(3);
      }
    });
  });

  it('switches between cameras, releasing the first before opening the second', async () => {
    const browser = await launch({
      video: null,
      extraArgs: ['--use-fake-device-for-media-stream=device-count=2'],
    });
    const page = await openCameraPage(browser, `${server.origin}/`);
    const started = await startScan(page);
    expect(started).toMatchObject({ ok: true });
    // The camera the scan chose first (the rear main camera by label and capabilities, not always the first listed).
    const first = (started as { capabilities?: { deviceId?: string } }).capabilities?.deviceId;
    type Api = {
      cameraTest: { listCameras(): Promise<Array<{ deviceId: string }>>; switchCamera(): Promise<string> };
    };
    const cameras = await page.evaluate(() => (window as unknown as Api).cameraTest.listCameras());
    expect(cameras).toHaveLength(2);
    const next = await page.evaluate(() => (window as unknown as Api).cameraTest.switchCamera());
    expect(next).toBe(cameras.find((c) => c.deviceId !== first)?.deviceId);
    const before = (await snapshot(page)).stats?.framesDecoded ?? 0;
    const state = await waitForState(page, (s) => (s.stats?.framesDecoded ?? 0) > before + 2, 10_000);
    // Every track before the one in use has ended (the first camera, and any the choice of camera left).
    expect(state.trackStates.at(-1)).toBe('live');
    expect(state.trackStates.slice(0, -1).every((t) => t === 'ended')).toBe(true);
    expect(state.stats?.framesDecoded).toBeGreaterThan(before + 2);
    expect((await stopScan(page)).trackStates.every((t) => t === 'ended')).toBe(true);
  });
});
