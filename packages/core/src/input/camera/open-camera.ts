import { CameraError, toCameraError } from './camera-error.js';

export type OpenCameraOptions = {
  readonly deviceId?: string;
  readonly resolution: { readonly width: number; readonly height: number };
  readonly signal: AbortSignal;
  readonly mediaDevices: MediaDevices;
};

/** The browser's `MediaDevices`, or why not: browsers hide it on insecure origins, which get their own code. */
export function getMediaDevices(injected?: MediaDevices): MediaDevices {
  if (injected) return injected;
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (typeof devices?.getUserMedia === 'function') return devices;
  if (typeof isSecureContext === 'boolean' && !isSecureContext)
    throw new CameraError('camera-insecure-context');
  throw new CameraError('camera-unsupported');
}

/** The constraints: the chosen camera exactly, or else the rear camera preferred; an ideal size only. */
export function cameraConstraints(
  options: Pick<OpenCameraOptions, 'deviceId' | 'resolution'>,
): MediaStreamConstraints {
  const size = { width: { ideal: options.resolution.width }, height: { ideal: options.resolution.height } };
  const video: MediaTrackConstraints = options.deviceId
    ? { deviceId: { exact: options.deviceId }, ...size }
    : { facingMode: { ideal: 'environment' }, ...size };
  return { video, audio: false };
}

/** Opens a stream; an abort during the permission prompt rejects at once and stops a late stream (zxing leak). */
export function openCamera(options: OpenCameraOptions): Promise<MediaStream> {
  const open = (): Promise<MediaStream> => options.mediaDevices.getUserMedia(cameraConstraints(options));
  return unlessAborted(open, options.signal, releaseStream);
}

/** Shows the stream in the video element: muted and inline, so iOS plays it without fullscreen or a gesture. */
export function attach(video: HTMLVideoElement, stream: MediaStream, signal: AbortSignal): Promise<void> {
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.setAttribute('muted', '');
  video.autoplay = true;
  video.srcObject = stream;
  return unlessAborted(() => video.play().catch(() => undefined), signal);
}

/** `start()`, raced against `signal` (`camera-aborted`); what it yields after an abort goes to `discard`. */
function unlessAborted<T>(
  start: () => Promise<T>,
  signal: AbortSignal,
  discard?: (late: T) => void,
): Promise<T> {
  const aborted = (cause: unknown): CameraError => new CameraError('camera-aborted', { cause });
  if (signal.aborted) return Promise.reject(aborted(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    // A `start` that throws (rather than rejects) is mapped the same way.
    new Promise<T>((r) => r(start()))
      .then(
        (value) => (signal.aborted ? discard?.(value) : resolve(value)),
        (error: unknown) => reject(signal.aborted ? aborted(error) : toCameraError(error)),
      )
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Stops every track so the camera light goes off. */
export function releaseStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
