import { checkOptions, optionKeys } from '../../errors/options-error.js';
import { PARSE_CARD_ID_OPTIONS as CARD_ID_OPTIONS, parseCardId } from '../../card-id/parse-card-id.js';
import { CameraError, toCameraError } from './camera-error.js';
import { applyTorch, applyZoom, bestCamera, listVideoInputs, readCapabilities } from './camera-controls.js';
import { createExposureControl } from './exposure.js';
import { createFeedback } from './feedback.js';
import { createFrameLoop } from './frame-loop.js';
import { watchLifecycle } from './lifecycle-guards.js';
import { callHost as call } from '../../errors/kaiku-error.js';
import { attach, getMediaDevices, openCamera, releaseStream } from './open-camera.js';
import { createScanAcceptor, readingWeight } from './scan-acceptor.js';
import type { FrameReading } from './decode-frame.js';
import type { CameraCapabilities, CameraScanHandle, CameraScanOptions, CameraStopReason } from './types.js';

/** Every option (a name left out or unknown does not compile). */
const CAMERA_OPTIONS = optionKeys<CameraScanOptions>()(
  'video deviceId resolution cardIdOptions formats region effort code39Confirmations confirmationWindowMs duplicateWindowMs minIntervalMs maxIntervalMs worker wasmUrl workerUrl beep vibrate stopOnHide stopOnDisconnect signal mediaDevices onScan onReject onError onFeedback onStop onDecoder onBudget',
);
/** The counts (at least 1: the first) and times (at least 0). */
const NUMBERS =
  'code39Confirmations confirmationWindowMs duplicateWindowMs minIntervalMs maxIntervalMs'.split(' ');

/**
 * Starts the camera and reports each card ID it reads. Resolves once the preview is playing, with a handle to
 * stop, switch camera, and drive torch and zoom. Rejects with a `CameraError` (`camera-permission-denied`,
 * `camera-not-found`, `camera-in-use`, `camera-insecure-context`, `camera-overconstrained`, `camera-aborted`,
 * `camera-unsupported`, `camera-failed`; `camera-invalid-option` for a count or time that is not one) and then
 * holds no camera.
 *
 * Every track is stopped on `stop()`, when `signal` aborts (also before the stream has started), when the page is
 * hidden, and when the given video element leaves the document. QR readings are accepted at once; Code 39 only
 * after `code39Confirmations` agreeing frames; an ID is not reported again while it stays in view.
 *
 * @example
 * const scan = await startCameraScan({
 *   video: document.querySelector('video')!,
 *   onScan: ({ id }) => lookUp(id),
 *   onError: (error) => showNotice(error.text.fi),
 * });
 * // later
 * scan.stop();
 */
export async function startCameraScan(options: CameraScanOptions): Promise<CameraScanHandle> {
  checkOptions('startCameraScan', options, CAMERA_OPTIONS);
  checkOptions('startCameraScan', options?.cardIdOptions, CARD_ID_OPTIONS, 'cardIdOptions.');
  if (typeof options?.onScan !== 'function') throw new TypeError('startCameraScan: onScan is required.');
  // NaN or a string here would silently mean "never confirm", "never forget" or "confirm at once".
  const bad = NUMBERS.filter((key, i) => {
    const value = options[key as keyof CameraScanOptions] as number | undefined;
    return value !== undefined && !(Number.isFinite(value) && value >= Number(i === 0));
  });
  if (bad.length) throw new CameraError('camera-invalid-option', { params: { fields: bad.join(', ') } });
  // esbuild's default `iife` output empties `import.meta`: nothing says where the worker and the wasm are served.
  if (!import.meta.url && !options.workerUrl) throw new CameraError('camera-module-url-missing');
  const devices = getMediaDevices(options.mediaDevices);
  const resolution = options.resolution ?? { width: 1280, height: 720 };
  const controller = new AbortController();
  const video = options.video ?? document.createElement('video');
  const feedback = createFeedback({ beep: options.beep === true, vibrate: options.vibrate === true });
  const acceptor = createScanAcceptor({
    confirmations: { qr_code: 1, code_39: options.code39Confirmations ?? 2 },
    confirmationWindowMs: options.confirmationWindowMs ?? 1500,
    duplicateWindowMs: options.duplicateWindowMs ?? 3000,
  });
  const loop = createFrameLoop({
    video,
    region: options.region,
    job: {
      formats: options.formats ?? ['qr_code', 'code_39'],
      effort: options.effort ?? 'fast',
      cardId: options.cardIdOptions,
      wasmUrl: options.wasmUrl,
      // Read at each frame's hand-over: the glare is measured only while the current track can act on it.
      get glare() {
        return exposure.wanted();
      },
    },
    worker: options.worker !== false,
    workerUrl: options.workerUrl,
    minIntervalMs: options.minIntervalMs ?? 0,
    maxIntervalMs: options.maxIntervalMs ?? 500,
    onFrame: handleFrame,
    onDecoder: (status) => call(options.onDecoder, status),
    onBudget: (budget) => call(options.onBudget, budget),
    onFatal: (cause) => fail(new CameraError('camera-decoder-failed', { cause })),
  });

  let stream: MediaStream | undefined;
  const exposure = createExposureControl(
    () => stream,
    (e) => call(options.onError, e),
  );
  let stopped = false;
  let started = false;
  let paused = false;

  const unwatch = watchLifecycle(
    {
      signal: options.signal,
      stopOnHide: options.stopOnHide !== false,
      element: options.video && options.stopOnDisconnect !== false ? options.video : undefined,
    },
    (reason) => stop(reason),
  );

  function stop(reason: CameraStopReason): void {
    if (stopped) return;
    stopped = true;
    controller.abort(reason);
    unwatch();
    loop.stop();
    // The camera's own setting back before its track stops (a device may keep it for its next start).
    const left = stream;
    const restoring = exposure.restore();
    if (restoring) void restoring.finally(() => releaseStream(left));
    else releaseStream(stream);
    if (video.srcObject === stream) video.srcObject = null;
    feedback.close();
    if (started) call(options.onStop, reason);
  }

  function fail(error: CameraError): void {
    if (stopped) return;
    call(options.onError, error);
    stop(error.code === 'camera-ended' ? 'track-ended' : 'error');
  }

  function handleFrame({ reading, rejected, strong, byZxing, glare }: FrameReading, now: number): void {
    // Every decoded frame counts, read or not: only frames looked at can show that a card went away.
    acceptor.look(now);
    const read = reading ?? rejected;
    exposure.note({ at: now, glare, read: read !== null });
    if (!read) return;
    const parsed = parseCardId(read.text, options.cardIdOptions);
    // A refused text is a key inside this closure only; the text itself is never passed on (it may be anything).
    const key = parsed.ok ? parsed.id : `\u0000${read.text}`;
    const [weight, alone] = parsed.ok
      ? readingWeight({ strong, byZxing }, options.code39Confirmations !== undefined)
      : [1, false];
    if (acceptor.offer(key, read.format, now, weight, alone) !== 'report') return;
    const kind = parsed.ok ? 'accepted' : 'rejected';
    call(options.onFeedback, { kind });
    feedback.play({ kind });
    if (!parsed.ok) return call(options.onReject, { format: read.format, error: parsed.error });
    const { ok: _ok, ...card } = parsed;
    call(options.onScan, { ...card, format: read.format, card, at: now });
    exposure.note({ at: now, read: true, accepted: true });
  }

  async function open(deviceId: string | undefined): Promise<MediaStream> {
    const opened = await openCamera({
      deviceId,
      resolution,
      signal: controller.signal,
      mediaDevices: devices,
    });
    // The camera in use ended (unplugged, taken by the system). Stopping a track fires no `ended` (a switch).
    const ended = (): void => (opened === stream ? fail(new CameraError('camera-ended')) : undefined);
    opened.getVideoTracks()[0]?.addEventListener('ended', ended);
    return opened;
  }

  /** Puts camera `target` in place of the current one; when that fails, back to `current` and rethrows. */
  async function replaceStream(target: string, current: string | undefined): Promise<void> {
    // Release first (many phones cannot open a second camera while one is on), its own setting back as on `stop()`.
    await exposure.restore();
    releaseStream(stream);
    try {
      stream = await open(target);
    } catch (error) {
      stream = await open(current).catch(() => undefined);
      throw toCameraError(error);
    }
  }

  try {
    loop.prepare();
    stream = await open(options.deviceId);
    const track = stream.getVideoTracks()[0];
    // Unnamed: the browser's rear camera, unless a better one is in the list (the main lens, not the ultra-wide).
    const current = track?.getSettings().deviceId;
    const best =
      options.deviceId || !track ? undefined : await bestCamera(devices, track).catch(() => undefined);
    if (best !== undefined && best !== current) await replaceStream(best, current).catch(() => undefined);
    if (!stream) throw new CameraError('camera-in-use');
    await attach(video, stream, controller.signal);
  } catch (error) {
    const reason = controller.signal.aborted ? new CameraError('camera-aborted', { cause: error }) : error;
    stop('aborted');
    throw toCameraError(reason);
  }
  started = true;
  let lastCapabilities = readCapabilities(currentTrack());
  loop.start();

  async function switchCamera(deviceId?: string): Promise<CameraCapabilities> {
    if (stopped) throw new CameraError('camera-stopped');
    const current = readCapabilities(currentTrack()).deviceId;
    const cameras = await listVideoInputs(devices);
    const index = cameras.findIndex((c) => c.deviceId === current);
    const target = deviceId ?? cameras[(index + 1) % Math.max(1, cameras.length)]?.deviceId;
    if (!target || target === current) return readCapabilities(currentTrack());
    loop.pause();
    try {
      await replaceStream(target, current);
    } catch (error) {
      if (!stream) fail(toCameraError(error));
      else reattach();
      throw error;
    }
    reattach();
    return (lastCapabilities = readCapabilities(currentTrack()));
  }

  function reattach(): void {
    void attach(video, stream as MediaStream, controller.signal).catch(() => undefined);
    if (!paused) loop.start();
  }

  function currentTrack(): MediaStreamTrack {
    const track = stream?.getVideoTracks()[0];
    if (!track || stopped) throw new CameraError('camera-stopped');
    return track;
  }

  return {
    stop: () => stop('stopped'),
    pause() {
      paused = true;
      loop.pause();
    },
    resume() {
      if (stopped || !paused) return;
      paused = false;
      loop.start();
    },
    get paused() {
      return paused;
    },
    switchCamera,
    listCameras: () => listVideoInputs(devices),
    setTorch: async (on) => applyTorch(currentTrack(), on),
    setZoom: async (zoom) => applyZoom(currentTrack(), zoom),
    get capabilities() {
      // After stop: what the camera could do when it was last on.
      return stopped ? lastCapabilities : readCapabilities(currentTrack());
    },
    video,
    get stream() {
      return stream as MediaStream;
    },
    get stopped() {
      return stopped;
    },
    get stats() {
      return loop.stats;
    },
  };
}
