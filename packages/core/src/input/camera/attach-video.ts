import { CameraError } from './camera-error.js';

/** Shows the stream in the video element: muted and inline, so iOS plays it without fullscreen or a gesture. */
export async function attach(
  video: HTMLVideoElement,
  stream: MediaStream,
  signal: AbortSignal,
): Promise<void> {
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('playsinline', '');
  video.setAttribute('muted', '');
  video.autoplay = true;
  video.srcObject = stream;
  const playing = video.play().catch(() => undefined);
  await new Promise<void>((resolve, reject) => {
    const done = (): void => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => reject(new CameraError('camera-aborted', { cause: signal.reason }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    void playing.then(done);
  });
}

/** Runs a host callback; an exception in it is reported to the page, never breaks the camera loop. */
export function call<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    if (typeof reportError === 'function') reportError(error);
    else
      setTimeout(() => {
        throw error;
      });
  }
}
