// The camera view's torch and zoom (issue 37.4): a control appears only when the open track reports the capability
// in `getCapabilities()` — no dead button — in every engine. The camera is the engine's own fake device where it has
// one, else a canvas stream (WebKitGTK under WebDriver). No engine's fake camera has a torch, so one test also runs
// with the track's `getCapabilities()` stubbed (that boundary only: applying the torch and zoom goes to the engine).
import { expect } from '@esm-bundle/chai';
import './kaiku-scanner.js';
import type { KaikuScanner } from './kaiku-scanner.js';
import type { CameraScanHandle } from '@kaiku-scanner/core/camera';
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
  cam.reported = undefined;
});

async function openCamera(lang = 'fi'): Promise<{ el: KaikuScanner; track: MediaStreamTrack }> {
  document.body.innerHTML = `<kaiku-scanner lang="${lang}" no-wedge no-sound show-id="s1" show-name="Uni" show-start="2030-03-01T19:00:00+02:00" show-kind="show"></kaiku-scanner>`;
  const el = document.querySelector('kaiku-scanner') as KaikuScanner;
  el.services = createFakeServices({});
  el.workerUrl = new URL('../../core/src/input/camera/decode-worker.ts', import.meta.url).href;
  await el.updateComplete;
  part(el, 'camera-button')!.click();
  // Open: the scan has started (its handle is the controller's), not only the button pressed.
  const camera = (el as unknown as { camera: { handle?: unknown } }).camera;
  await until(() => camera.handle !== undefined && cam.liveTracks().length === 1, {
    step: () => el.updateComplete,
    guardMs: 45_000, // the first start loads the camera's code through the test server
  });
  await el.updateComplete;
  return { el, track: cam.liveTracks()[0]! };
}

const part = (el: KaikuScanner, name: string): HTMLElement | null =>
  el.shadowRoot!.querySelector(`[part~="${name}"]`);

/** What the track itself reports: a torch, a zoom range wider than a point. */
function capabilities(track: MediaStreamTrack): { torch: boolean; zoom: boolean } {
  const caps = (track.getCapabilities?.() ?? {}) as {
    torch?: boolean;
    zoom?: { min?: number; max?: number };
  };
  return { torch: caps.torch === true, zoom: (caps.zoom?.max ?? 0) > (caps.zoom?.min ?? 0) };
}

describe('<kaiku-scanner> torch and zoom controls', function () {
  this.timeout(60_000);

  it('says on the viewfinder what the camera loop found this device affords, and nothing once it stops', async () => {
    const { el } = await openCamera();
    const viewfinder = part(el, 'viewfinder')!;
    const handle = () => (el as unknown as { camera: { handle?: CameraScanHandle } }).camera.handle;
    // `measuring` until its first half second of decoding is judged, then what the loop keeps to (issue 66.3).
    expect(['measuring', 'full', 'lean']).to.include(viewfinder.dataset.budget);
    await until(() => handle()?.stats.budget !== 'measuring', { guardMs: 30_000 });
    await until(() => viewfinder.dataset.budget === handle()!.stats.budget);
    expect(['full', 'lean']).to.include(viewfinder.dataset.budget);
    part(el, 'camera-button')!.click();
    await until(() => handle() === undefined && viewfinder.dataset.budget === undefined, {
      step: () => el.updateComplete,
    });
  });

  it("shows a control only for what the engine's own camera reports", async () => {
    const { el, track } = await openCamera();
    const has = capabilities(track);
    expect(part(el, 'torch-button') !== null, `${cam.source}: torch`).to.equal(has.torch);
    expect(part(el, 'zoom') !== null, `${cam.source}: zoom`).to.equal(has.zoom);
  });

  it('shows the torch and zoom a track reports, labelled, and applies them to the track', async () => {
    cam.reported = { torch: true, zoom: { min: 1, max: 4, step: 0.5 } };
    const { el, track } = await openCamera();
    const torch = part(el, 'torch-button') as HTMLButtonElement;
    const zoom = part(el, 'zoom') as HTMLInputElement;
    expect(torch.textContent?.trim()).to.equal('Valo');
    expect(torch.getAttribute('aria-pressed')).to.equal('false');
    expect(zoom.labels?.[0]?.textContent?.trim()).to.equal('Zoom');
    expect([zoom.min, zoom.max, zoom.step]).to.deep.equal(['1', '4', '0.5']);
    torch.click();
    // The track took it (the button says on) or not (the refusal is shown, the button stays off): never on in name
    // only — Firefox drops a constraint it does not know without a word.
    await until(
      () =>
        torch.getAttribute('aria-pressed') === 'true' ||
        el.shadowRoot!.querySelector('#camera-error[data-code="camera-feature-unsupported"]') !== null,
      { step: () => el.updateComplete },
    );
    const on = (track.getSettings() as { torch?: boolean }).torch === true;
    expect(torch.getAttribute('aria-pressed'), `${cam.source}: the button says what the track did`).to.equal(
      `${on}`,
    );
    zoom.value = '2.5';
    zoom.dispatchEvent(new Event('change'));
    await until(
      () =>
        (track.getSettings() as { zoom?: number }).zoom === 2.5 ||
        el.shadowRoot!.querySelector('#camera-error') !== null,
      { step: () => el.updateComplete },
    );
  });

  it('names the torch in Swedish and English', async () => {
    cam.reported = { torch: true };
    for (const [lang, label] of [
      ['sv', 'Lampa'],
      ['en', 'Torch'],
    ] as const) {
      const { el } = await openCamera(lang);
      expect(part(el, 'torch-button')?.textContent?.trim()).to.equal(label);
      expect(part(el, 'zoom')).to.equal(null);
      cam.liveTracks().forEach((t) => t.stop());
    }
  });

  it('takes the controls away with the camera', async () => {
    cam.reported = { torch: true, zoom: { min: 1, max: 4, step: 0.5 } };
    const { el } = await openCamera();
    part(el, 'camera-button')!.click();
    await until(() => part(el, 'camera-button')?.getAttribute('aria-pressed') === 'false', {
      step: () => el.updateComplete,
    });
    expect(part(el, 'torch-button')).to.equal(null);
    expect(part(el, 'zoom')).to.equal(null);
  });
});
