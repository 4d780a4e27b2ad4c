// The element never leaves the camera on (issue 37.5): every track ends within 100 ms of the element's removal,
// the page being hidden or `pagehide`; a framework's double mount (disconnect and connect again in one task, as
// React StrictMode and Vue's keep-alive moves do) leaves one preview and one live track.
// The camera is the engine's own fake device where it has one (Chromium with --use-fake-device-for-media-stream,
// Firefox with media.navigator.streams.fake), else a canvas stream (WebKitGTK has no fake camera under WebDriver).
import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import { createFakeServices } from '../../../test/support/element-fake-services.js';
import { until } from '../../../test/support/until.js';
import { installTestCamera, type TestCamera } from '../../../test/support/test-camera.js';

let cam: TestCamera;

before(async () => {
  cam = await installTestCamera();
});

afterEach(() => {
  document.body.innerHTML = '';
  cam.liveTracks().forEach((t) => t.stop());
});

async function openCamera(): Promise<{ el: KaikuScanner; host: HTMLElement }> {
  const host = document.createElement('div');
  host.innerHTML = `<kaiku-scanner no-wedge no-sound show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00" show-kind="show"></kaiku-scanner>`;
  const el = host.querySelector('kaiku-scanner') as KaikuScanner;
  el.services = createFakeServices({});
  // Decoding in its worker, as in a build (the dev server serves the TypeScript source), off the page's thread.
  el.workerUrl = new URL('../../core/src/input/camera/decode-worker.ts', import.meta.url).href;
  document.body.append(host);
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="camera-button"]')!.click();
  await until(() => cam.liveTracks().length === 1 && video(el)?.srcObject != null, {
    step: () => el.updateComplete,
  });
  return { el, host };
}

const video = (el: KaikuScanner): HTMLVideoElement | null => el.shadowRoot!.querySelector('video');

/**
 * Live tracks left at the first task after `act`: 0 means the release waited for no timer, frame or event (so it
 * is within 100 ms however busy the machine; a wall-clock bound failed here only when the machine was overloaded).
 */
async function liveAfter(act: () => void): Promise<number> {
  act();
  await new Promise((resolve) => setTimeout(resolve, 0));
  return cam.liveTracks().length;
}

describe(`<kaiku-scanner> releases the camera`, function () {
  this.timeout(60_000);

  it('by the next task (within 100 ms) after the element leaves the page', async () => {
    const { host } = await openCamera();
    expect(await liveAfter(() => host.remove()), cam.source).to.equal(0);
  });

  it('by the next task after the page is hidden, and shows the camera as off', async () => {
    const { el } = await openCamera();
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    try {
      expect(
        await liveAfter(() => document.dispatchEvent(new Event('visibilitychange'))),
        cam.source,
      ).to.equal(0);
    } finally {
      delete (document as { visibilityState?: unknown }).visibilityState;
    }
    // The button says the camera is off (the clerk opens it again when back).
    const button = el.shadowRoot!.querySelector('[part="camera-button"]');
    await until(() => button?.getAttribute('aria-pressed') === 'false', {
      step: () => el.updateComplete,
      guardMs: 5000,
    });
  });

  it('by the next task after pagehide', async () => {
    await openCamera();
    expect(await liveAfter(() => window.dispatchEvent(new Event('pagehide'))), cam.source).to.equal(0);
  });

  it('keeps one preview and one live track through a double mount (disconnect and connect in one task)', async () => {
    const { el, host } = await openCamera();
    host.remove();
    document.body.append(host);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('video').length).to.equal(1);
    expect(cam.liveTracks().length, cam.source).to.equal(1);
    expect((video(el)?.srcObject as MediaStream | null)?.getTracks()[0]).to.equal(cam.liveTracks()[0]);
    expect(el.shadowRoot!.querySelector('[part="camera-button"]')?.getAttribute('aria-pressed')).to.equal(
      'true',
    );
    expect(await liveAfter(() => host.remove())).to.equal(0);
  });
});
