import type { CardIdError, ParsedCardId, ParseCardIdOptions } from '../../card-id/parse-card-id.js';
import type { DecoderEngine, DecoderFallbackReason, DecoderStatus } from '../decode/decoder-status.js';
import type { DecodeEffort, DecodeFormat, DecodeRegion } from '../decode/types.js';
import type { CameraError } from './camera-error.js';

/**
 * A card ID read by the camera and accepted by `parseCardId`: the same `id`, `prefix`, `kind` and `medium` as a
 * wedge scan, plus the symbology. Carries the card ID and nothing else personal.
 */
export type CameraScan = Omit<ParsedCardId, 'ok'> & {
  readonly format: DecodeFormat;
  /** What `parseCardId` returned for it. */
  readonly card: Omit<ParsedCardId, 'ok'>;
  /** `performance.now()` when the accepting frame was decoded. */
  readonly at: number;
};

/** A barcode that was read (and confirmed, for Code 39) but is not a Kaikukortti card ID. No raw text. */
export type CameraRejection = {
  readonly format: DecodeFormat;
  /** `parseCardId`'s refusal: `{ code, params, message: { fi, sv, en } }`. */
  readonly error: CardIdError;
};

/** What the scanner reports about a frame's reading: a card accepted, or a reading rejected (not a card ID). */
export type CameraFeedback = { readonly kind: 'accepted' | 'rejected' };

/** Why scanning ended; `onStop` gets it once. */
export type CameraStopReason =
  'stopped' | 'aborted' | 'page-hidden' | 'element-disconnected' | 'track-ended' | 'error';

/** A camera the browser offers: its `deviceId`, label (empty before permission) and group. */
export type CameraInfo = {
  readonly deviceId: string;
  /** Empty until the user has granted camera access once (browsers hide labels before that). */
  readonly label: string;
  readonly groupId: string;
};

/** The zoom a camera supports: from `min` to `max` in steps of `step`. */
export type ZoomRange = { readonly min: number; readonly max: number; readonly step: number };

/** What the running camera can do: torch, zoom and exposure ranges, facing, frame size and device ID. */
export type CameraCapabilities = {
  readonly torch: boolean;
  readonly zoom: ZoomRange | null;
  /** Exposure compensation (EV), stepped down while glare clips a code (docs/camera.md); `null`: glare not countered. */
  readonly exposure: ZoomRange | null;
  readonly facingMode: string | null;
  readonly width: number;
  readonly height: number;
  readonly deviceId: string;
};

/** Live figures of a camera scan: where and with which engine frames are decoded, how many, and how fast. */
export type CameraScanStats = {
  /**
   * `worker` normally; `inlined-worker` when the worker file beside the code is not served (a bundler that emits
   * none) and the same worker runs from the copy the build inlined (Blob URLs); `main-thread` when Workers are
   * unavailable or refused (CSP).
   */
  readonly decoder: 'worker' | 'inlined-worker' | 'main-thread' | 'pending';
  /** The decoding engine of the last frame: `js` with `engineReason` set means zxing-cpp could not load. */
  readonly engine: DecoderEngine | 'pending';
  readonly engineReason?: DecoderFallbackReason;
  readonly framesDecoded: number;
  readonly lastDecodeMs: number;
  /** Current pause after a decode: in a worker what is left of `minIntervalMs`; on the page's thread the decode time. */
  readonly intervalMs: number;
  /** What this device affords, measured in the scan's first second (`CameraBudget`); `measuring` until then. */
  readonly budget: CameraBudget['mode'] | 'measuring';
};

/**
 * What the camera loop found this device affords in its first half second of decoding, and keeps to (docs/camera.md,
 * "A slow device"): `full` when it decoded most frames the camera presented — rescue stages may use the time until
 * the next frame; `lean` when it fell behind the camera (a slow or busy device: the spare time is not spare) —
 * zxing-cpp's pass alone, the rescue stages not run.
 */
export type CameraBudget = {
  readonly mode: 'full' | 'lean';
  /** Frames the camera presented, and frames the loop decoded, in the measured second. */
  readonly presented: number;
  readonly decoded: number;
  /** The median time from a frame's grab to its answer in that second (ms). */
  readonly decodeMs: number;
};

/**
 * Options of `startCameraScan`: the preview element, the camera, the capture size, the callbacks and decoding. An
 * unknown option rejects with `OptionsError`.
 */
export type CameraScanOptions = {
  /** Where to show the preview; gets `playsinline` and `muted`. Default: an internal, detached element. */
  readonly video?: HTMLVideoElement;
  /** Start on this camera (from `listCameras()`); default the rear camera (`facingMode: environment`). */
  readonly deviceId?: string;
  /** Ideal capture size; default 1280×720. */
  readonly resolution?: { readonly width: number; readonly height: number };
  /**
   * Options for `parseCardId` (plain data: they are copied into the decoding worker); the same name as the wedge
   * listener's.
   */
  readonly cardIdOptions?: ParseCardIdOptions | undefined;
  readonly formats?: readonly DecodeFormat[];
  /** Part of the frame to decode (fractions 0–1); default the whole frame. */
  readonly region?: DecodeRegion;
  /** Default `fast`. */
  readonly effort?: DecodeEffort;
  /**
   * Agreeing consecutive Code 39 reads needed to accept one (default 2: the misread risk measured in docs/camera.md;
   * QR needs 1). Left unset, zxing-cpp's read counts as two and may confirm alone; a rescue read whose lines agree on
   * both halves of the bars counts as two but needs a second frame. Set, every read needs that many frames (2: two).
   */
  readonly code39Confirmations?: number;
  /** Reads further apart than this do not count as consecutive (default 1500 ms). */
  readonly confirmationWindowMs?: number;
  /** An ID seen again within this time of its last sighting is not reported again (default 3000 ms). */
  readonly duplicateWindowMs?: number;
  /** Shortest pause between decoded frames (default 0: each frame the camera presents); grows under load. */
  readonly minIntervalMs?: number;
  /** Longest pause between frames under load (default 500 ms). */
  readonly maxIntervalMs?: number;
  /** Decode in a module Worker (default true). `false` decodes on the main thread. */
  readonly worker?: boolean;
  /** Where the WebAssembly decoder (`zxing_reader.wasm`) is served; default next to the decoder module. */
  readonly wasmUrl?: string;
  /** Where the worker script lives, for hosts that serve it elsewhere. Default: next to this module. */
  readonly workerUrl?: string | URL;
  /** Play a short beep on each accepted card (WebAudio). Off by default. */
  readonly beep?: boolean;
  /** Vibrate on each accepted card (`navigator.vibrate`). Off by default. */
  readonly vibrate?: boolean;
  /** Stop when the page is hidden (tab switch, app switch, navigation). Default true. */
  readonly stopOnHide?: boolean;
  /** Stop when the given `video` element leaves the document. Default true. */
  readonly stopOnDisconnect?: boolean;
  readonly signal?: AbortSignal;
  /** For tests and unusual hosts: the `MediaDevices` to use. Default `navigator.mediaDevices`. */
  readonly mediaDevices?: MediaDevices;
  readonly onScan: (scan: CameraScan) => void;
  readonly onReject?: (rejection: CameraRejection) => void;
  readonly onError?: (error: CameraError) => void;
  readonly onFeedback?: (feedback: CameraFeedback) => void;
  readonly onStop?: (reason: CameraStopReason) => void;
  /**
   * The decoding engine, once known and whenever it changes. `{ engine: 'js', reason: 'wasm-not-found' |
   * 'wasm-blocked' }` means `zxing_reader.wasm` could not be loaded and far fewer cards are read: show it to staff
   * and fix the deployment (docs/decoding.md). Scanning goes on.
   */
  readonly onDecoder?: (status: DecoderStatus) => void;
  /**
   * What the loop chose for this device after its first half second of decoding (`CameraBudget`), and once more if a
   * `full` loop then falls behind the camera (two windows in a row): `lean` for the rest of the scan.
   */
  readonly onBudget?: (budget: CameraBudget) => void;
};

/**
 * A running camera scan (`startCameraScan` resolves with it): stop, pause and resume, switch camera, torch, zoom.
 *
 * @example
 * const scan = await startCameraScan({ video, onScan });
 * scan.pause(); // while the clerk confirms
 * scan.stop();
 */
export type CameraScanHandle = {
  /** Stops scanning and releases the camera; safe to call more than once. */
  stop(): void;
  /**
   * Stops decoding but keeps the camera on (the preview keeps playing), e.g. while the clerk confirms a card, so
   * no other card is read meanwhile; `resume()` continues at once. Use `stop()` to release the camera.
   */
  pause(): void;
  resume(): void;
  readonly paused: boolean;
  /** Switches to `deviceId`, or to the next camera when omitted. Resolves with the new camera's capabilities. */
  switchCamera(deviceId?: string): Promise<CameraCapabilities>;
  listCameras(): Promise<CameraInfo[]>;
  /** Rejects with `camera-feature-unsupported` when the camera has no torch. */
  setTorch(on: boolean): Promise<void>;
  /** Clamped to the camera's range; rejects with `camera-feature-unsupported` when it cannot zoom. */
  setZoom(zoom: number): Promise<void>;
  readonly capabilities: CameraCapabilities;
  readonly video: HTMLVideoElement;
  readonly stream: MediaStream;
  readonly stopped: boolean;
  readonly stats: CameraScanStats;
};
