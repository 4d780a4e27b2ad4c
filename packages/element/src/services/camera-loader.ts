// Loaded with import() on opening the camera; the core's `./camera` subpath keeps the decoders in a chunk of their own.
import { html, nothing, type TemplateResult } from 'lit';
import { CameraError, startCameraScan, type CameraScanHandle } from '@kaiku-scanner/core/camera';
import type { DecoderStatus } from '@kaiku-scanner/core/decode';
import { textOf, toServiceError } from '../messages/index.js';
import type { CameraController, CameraUrls } from '../controllers/camera-controller.js';
import type { ViewContext } from '../views/view-context.js';

/** The codes of a degraded decoder: on the page's thread (no worker), or without WebAssembly (weaker JS decoder). */
export function degradedCodes(status: DecoderStatus | undefined, decoder: string | undefined): string[] {
  const wasm = status?.reason === 'wasm-not-found' || status?.reason === 'wasm-blocked';
  const codes = [
    decoder === 'main-thread' && 'camera-decoder-main-thread',
    wasm && 'camera-decoder-degraded',
  ];
  return codes.filter((code) => code !== false);
}

/** Starts the camera for `c` into `video`: each read, refusal, error, decoder notice and stop goes to `c`. */
export async function openCamera(
  c: CameraController,
  video: HTMLVideoElement | null,
  signal: AbortSignal,
  beep: boolean,
  urls: CameraUrls,
): Promise<CameraScanHandle> {
  let status: DecoderStatus | undefined;
  /** Says each degraded state of the decoder once (`degradedCodes`): staff see a calm notice, the host an event. */
  const check = (handle = c.handle): void => {
    for (const code of degradedCodes(status, handle?.stats.decoder)) {
      if (c.notices.some((n) => n.code === code)) continue;
      const text = textOf(code);
      const notice = text
        ? { code, message: text }
        : toServiceError(new CameraError('camera-decoder-degraded'));
      c.notices.push(notice);
      c.onDegraded(notice);
      c.host.requestUpdate();
    }
  };
  // What the loop found this device affords (`CameraBudget`): the viewfinder's `data-budget`, for the host and staff.
  const budget = (mode?: string) =>
    mode ? video?.setAttribute('data-budget', mode) : video?.removeAttribute('data-budget');
  budget('measuring');
  const handle = await startCameraScan({
    ...(video ? { video } : {}),
    onBudget: (b) => budget(b.mode),
    signal,
    beep,
    // The decoder's files where the host serves them (the `workerUrl` property, `wasm-url`); unset: beside the camera code.
    ...(urls.workerUrl ? { workerUrl: urls.workerUrl } : {}),
    ...(urls.wasmUrl ? { wasmUrl: urls.wasmUrl } : {}),
    onScan: (scan) => {
      c.waitForRead();
      check();
      c.onScan(scan.id);
    },
    onReject: (r) => {
      // Something was read (not a card): the clerk aims right, so no "nothing found" hint follows.
      c.clearHint();
      check();
      c.onError({ code: r.error.code, message: r.error.message });
    },
    onError: (e) => c.onError(toServiceError(e)),
    onDecoder: (s) => {
      status = s;
      check();
    },
    onStop: () => {
      budget();
      c.clearHint();
      c.handle = undefined;
      c.host.requestUpdate();
    },
  }).catch((e: unknown) => {
    budget(); // no camera, nothing measured
    throw e;
  });
  check(handle);
  return handle;
}

/** The open camera's torch and zoom, only where its track reports them: no control that does nothing. */
export function renderTrackControls(
  { t }: ViewContext,
  c: Pick<CameraController, 'host' | 'onError'>,
  handle: CameraScanHandle,
): TemplateResult {
  const { torch, zoom } = handle.capabilities;
  const now: { torch?: boolean; zoom?: number } = handle.stream.getVideoTracks()[0]?.getSettings() ?? {};
  // Applied and read back by the camera's code: a refusal, or a constraint dropped without a word, is shown.
  const adjust = (set: Promise<void>): void =>
    void set.catch((e: unknown) => c.onError(toServiceError(e))).then(() => c.host.requestUpdate());
  const onTorch = () => adjust(handle.setTorch(now.torch !== true));
  const onZoom = (e: Event) => adjust(handle.setZoom(Number((e.target as HTMLInputElement).value)));
  return html`${torch ? html`<button type="button" part="torch-button" aria-pressed=${now.torch === true ? 'true' : 'false'} @click=${onTorch}>${t.cameraTorch}</button>` : nothing}
  ${zoom ? html`<label>${t.cameraZoom} <input part="zoom" type="range" min=${zoom.min} max=${zoom.max} step=${zoom.step} .value=${String(now.zoom ?? zoom.min)} @change=${onZoom} /></label>` : nothing}`;
}
