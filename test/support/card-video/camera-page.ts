// The e2e test page's script: starts the camera through the public API and records what comes out, so the test
// (Node, playwright) can read it back with page.evaluate. Bundled by camera-test-server.ts on request.
import {
  CameraError,
  cameraMessages,
  startCameraScan,
} from '../../../packages/core/src/input/camera/index.js';
import { isKaikuError } from '../../../packages/core/src/errors/kaiku-error.js';
import type {
  CameraScanHandle,
  CameraScanOptions,
  CameraStopReason,
} from '../../../packages/core/src/input/camera/index.js';

type StartRequest = Partial<
  Pick<CameraScanOptions, 'code39Confirmations' | 'duplicateWindowMs' | 'worker' | 'region' | 'cardIdOptions'>
> & {
  readonly internalVideo?: boolean;
  readonly abortAfterMs?: number;
  readonly deviceId?: string;
  readonly failWith?: string;
};

const state = {
  scans: [] as Array<{ id: string; format: string; at: number }>,
  rejects: [] as string[],
  errors: [] as string[],
  /** The test page's own diagnostics (never card IDs: decoder failures only). */
  causes: [] as string[],
  stops: [] as CameraStopReason[],
  feedback: [] as string[],
  /** Every stream getUserMedia handed out, including ones the SDK received after an abort. */
  streams: [] as MediaStream[],
  /** Every CSP / Trusted Types violation the page reported (directive and blocked URI kind). */
  violations: [] as string[],
};
document.addEventListener('securitypolicyviolation', (event) =>
  state.violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
);
let handle: CameraScanHandle | undefined;

const original = navigator.mediaDevices?.getUserMedia.bind(navigator.mediaDevices);
if (original) {
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    state.streams.push(stream);
    return stream;
  };
}

async function start(request: StartRequest = {}): Promise<Record<string, unknown>> {
  const controller = new AbortController();
  const video = document.querySelector('video') ?? undefined;
  const failing = request.failWith
    ? ({
        getUserMedia: () => Promise.reject(new DOMException('stubbed', request.failWith)),
        enumerateDevices: () => Promise.resolve([]),
      } as unknown as MediaDevices)
    : undefined;
  if (request.abortAfterMs !== undefined) setTimeout(() => controller.abort(), request.abortAfterMs);
  // The page's own switches are not camera options (the camera refuses unknown ones by name).
  const { internalVideo, abortAfterMs: _abortAfterMs, failWith: _failWith, ...options } = request;
  try {
    handle = await startCameraScan({
      ...options,
      video: internalVideo ? undefined : video,
      signal: controller.signal,
      mediaDevices: failing,
      onScan: (scan) => state.scans.push({ id: scan.id, format: scan.format, at: scan.at }),
      onReject: (rejection) => state.rejects.push(rejection.error.code),
      onError: (error) => {
        state.errors.push(error.code);
        state.causes.push(String((error.cause as Error | undefined)?.message ?? error.cause));
      },
      onFeedback: (feedback) => state.feedback.push(feedback.kind),
      onStop: (reason) => state.stops.push(reason),
    });
    return { ok: true, capabilities: handle.capabilities, secure: isSecureContext };
  } catch (error) {
    return { ok: false, code: isKaikuError(error) ? error.code : String(error), kaiku: isKaikuError(error) };
  }
}

function snapshot(): Record<string, unknown> {
  return {
    ...state,
    streams: undefined,
    trackStates: state.streams.flatMap((s) => s.getTracks().map((t) => t.readyState)),
    stats: handle?.stats,
    stopped: handle?.stopped,
    srcObject: document.querySelector('video')?.srcObject ? 'set' : null,
  };
}

Object.assign(window, {
  cameraTest: {
    start,
    snapshot,
    stop: () => handle?.stop(),
    listCameras: () => handle?.listCameras(),
    switchCamera: (id?: string) => handle?.switchCamera(id).then((c) => c.deviceId),
    removeVideo: () => document.querySelector('video')?.remove(),
    errorTexts: () =>
      Object.fromEntries(
        Object.keys(cameraMessages).map((code) => [
          code,
          new CameraError(code as keyof typeof cameraMessages).text,
        ]),
      ),
  },
});
