// Loaded with import() when the clerk opens the camera. It imports the core's `./camera` subpath, never the main
// entry: the camera adapter (and, through it, the decoders) lands in a chunk of its own, out of the initial download.
import { CameraError, startCameraScan, type CameraScanHandle } from '@kaiku-scanner/core/camera';
import type { DecoderStatus } from '@kaiku-scanner/core/decode';
import { textOf, toServiceError } from '../messages/index.js';
import type { CameraController, CameraUrls } from '../controllers/camera-controller.js';

/**
 * What staff are told of a degraded camera decoder, each a code: `camera-decoder-main-thread` when decoding runs on
 * the page's thread (the worker file is not served, a Trusted Types list lacks `kaiku-scanner`, a CSP refuses
 * workers), `camera-decoder-degraded` when `zxing_reader.wasm` is missing or WebAssembly is blocked (the weaker
 * JS decoder reads). Scanning goes on in every case.
 *
 * @example
 * degradedCodes({ engine: 'js', reason: 'wasm-not-found' }, 'worker'); // ['camera-decoder-degraded']
 */
export function degradedCodes(status: DecoderStatus | undefined, decoder: string | undefined): string[] {
  const wasm = status?.reason === 'wasm-not-found' || status?.reason === 'wasm-blocked';
  const codes = [
    decoder === 'main-thread' && 'camera-decoder-main-thread',
    wasm && 'camera-decoder-degraded',
  ];
  return codes.filter((code) => code !== false);
}

/**
 * Sets the torch or the zoom, then reads the track's settings: an engine that does not know the constraint drops it
 * without a word (Firefox keeps `advanced: [{}]`), which would leave a control that does nothing.
 */
export async function adjustTrack(handle: CameraScanHandle, change: { torch: boolean } | { zoom: number }) {
  await ('torch' in change ? handle.setTorch(change.torch) : handle.setZoom(change.zoom));
  const now: { torch?: boolean; zoom?: number } = handle.stream.getVideoTracks()[0]?.getSettings() ?? {};
  if ('torch' in change ? now.torch !== change.torch : typeof now.zoom !== 'number')
    throw new CameraError('camera-feature-unsupported', { params: { feature: Object.keys(change)[0] } });
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
  const handle = await startCameraScan({
    ...(video ? { video } : {}),
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
      // Something was read (not a card): the clerk is aiming right and the refusal says the rest. No "no code
      // found yet" follows while that code may still be in view (the camera says a code once).
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
      c.clearHint();
      c.handle = undefined;
      c.host.requestUpdate();
    },
  });
  check(handle);
  return handle;
}
