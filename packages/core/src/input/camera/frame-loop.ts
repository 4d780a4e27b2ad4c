import type { DecoderStatus } from '../decode/decoder-status.js';
import type { DecodeRegion } from '../decode/types.js';
import {
  closeFrame,
  cropVideoFrame,
  isVideoFrame,
  regionRect,
  type CameraFrame,
  type Rect,
} from './camera-frame.js';
import type { FrameJob, FrameReading } from './decode-frame.js';
import {
  createInlineWorkerDecoder,
  createMainThreadDecoder,
  createWorkerDecoder,
  WorkerUnavailableError,
  type FrameDecoder,
} from './frame-decoder.js';
import type { CameraBudget, CameraScanOptions, CameraScanStats } from './types.js';
import { median } from '../wedge/burst-checks.js';

/** How long the loop measures what the device affords, from its first decoded frame (`CameraBudget`). */
export const BUDGET_WINDOW_MS = 500;
/** The share of the camera's frames a loop with CPU to spare decodes with zxing-cpp alone (unloaded: 97–100 %). */
export const KEEPS_UP = 0.9;

/**
 * The budget a measured window gives: `lean` when the loop decoded under `KEEPS_UP` of the frames presented, or when
 * the page was presented under `KEEPS_UP` of the frames it was at the first window's pace (`expected`). A browser
 * short of CPU is short everywhere: the camera's frames reach the page fewer too, and a loop keeping up with those is
 * not keeping up with the camera (issue 66: cpu6, full while decoding 13 frames a second, the plain loop 23).
 */
export function chooseBudget(
  presented: number,
  decoded: number,
  decodeMs: readonly number[],
  expected = presented,
): CameraBudget {
  const mode = decoded >= KEEPS_UP * presented && presented >= KEEPS_UP * expected ? 'full' : 'lean';
  return { mode, presented, decoded, decodeMs: Math.round(median(decodeMs)) };
}

export type FrameLoopOptions = Pick<CameraScanOptions, 'region' | 'workerUrl' | 'onDecoder' | 'onBudget'> & {
  readonly video: HTMLVideoElement;
  readonly job: FrameJob;
  readonly worker: boolean;
  readonly minIntervalMs: number;
  readonly maxIntervalMs: number;
  readonly onFrame: (result: FrameReading, now: number) => void;
  /** A decoding failure that is not "nothing found" (e.g. the decoder could not be loaded). */
  readonly onFatal: (error: unknown) => void;
  /**
   * Internal seam for tests: the decoders to try in turn, each until it is unavailable (default: the worker beside
   * the code, the worker from its inlined copy where no `workerUrl` was given, the main thread).
   */
  readonly decoders?: readonly (() => FrameDecoder | null)[];
  /** Internal seam for tests: the count of the camera's frames presented (default: the video's frame callbacks). */
  readonly frames?: PresentedFrames;
};

/**
 * Grabs `VideoFrame`s (else `ImageBitmap`s) and decodes one at a time, pausing in proportion to decode
 * time, so a slow device skips frames instead of queueing them.
 */
export function createFrameLoop(options: FrameLoopOptions): FrameLoop {
  return new FrameLoop(options);
}

/** The camera's frame loop: its state in private fields, its interface `prepare`, `start`, `pause`, `stop`, `stats`. */
export class FrameLoop {
  readonly #options: FrameLoopOptions;
  /** The decoders still to try, in turn, each until it is unavailable. */
  readonly #fallbacks: (() => FrameDecoder | null)[];
  readonly #frames: PresentedFrames;
  #decoder: FrameDecoder | undefined;
  #running = false;
  #busy = false;
  #closed = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #intervalMs: number;
  #lastDecodeMs = 0;
  #framesDecoded = 0;
  #failures = 0;
  #lastMarker = Number.NaN;
  #lastGrab = 0;
  #engine: DecoderStatus | null = null;
  /** `true` until a VideoFrame cannot be made, sent or read before one ever was: bitmaps from then on. */
  #videoFrames = typeof VideoFrame === 'function';
  #videoFrameRead = false;
  /** The blank frame that warms the decoder as the camera opens; the first real frame waits for it. */
  #warming: Promise<unknown> | undefined;
  /** What this device affords, once measured; the measurement under way (from the first decoded frame). */
  #budget: CameraBudget | undefined;
  #measuring: { at: number; presented: number | null; decoded: number; ms: number[] } | undefined;
  /** Frames presented per ms in the first window, zxing-cpp alone: the pace later windows are held to. */
  #pace: number | undefined;
  /** Windows in a row a `full` loop fell behind the camera. */
  #behind = 0;

  constructor(options: FrameLoopOptions) {
    this.#options = options;
    this.#intervalMs = options.minIntervalMs;
    this.#fallbacks = options.decoders?.slice() ?? [
      ...(options.worker ? [() => createWorkerDecoder(options.workerUrl, options.job)] : []),
      ...(options.worker && options.workerUrl === undefined ? [createInlineWorkerDecoder] : []),
      createMainThreadDecoder,
    ];
    this.#frames = options.frames ?? watchPresentedFrames(options.video, () => this.#closed);
  }

  /** Starts the decoder as the camera opens; a blank frame warms it, but a worker (its .wasm loads as it starts). */
  prepare(): void {
    if (typeof createImageBitmap !== 'function' || typeof ImageData !== 'function') return;
    this.#warming = createImageBitmap(new ImageData(8, 8))
      // Stopped before the blank was made (the camera could not open): no decoder is started to be left open.
      .then((blank) => {
        const started = this.#closed ? undefined : this.#currentDecoder();
        if (started?.kind !== 'worker')
          return started?.decode(blank, { ...this.#options.job, nextFrameAt: 0 });
        blank.close();
      })
      .catch(() => undefined);
  }

  start(): void {
    this.#running = true;
    this.#schedule(0);
  }

  pause(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  stop(): void {
    this.#closed = true;
    this.pause();
    this.#decoder?.close();
  }

  get stats(): CameraScanStats {
    const engine = this.#engine;
    return {
      decoder: this.#decoder?.kind ?? 'pending',
      engine: engine?.engine ?? 'pending',
      ...(engine?.reason === undefined ? {} : { engineReason: engine.reason }),
      framesDecoded: this.#framesDecoded,
      lastDecodeMs: this.#lastDecodeMs,
      intervalMs: this.#intervalMs,
      budget: this.#budget?.mode ?? 'measuring',
    };
  }

  /**
   * Measures, over `BUDGET_WINDOW_MS` from the first decoded frame, how many of the camera's frames the loop keeps up
   * with, then keeps to the budget that gives (`chooseBudget`): the rescues' idle time is idle only on a device with
   * CPU to spare. A `full` loop goes on measuring and turns `lean` for good after two windows behind the camera: it
   * decoded too few of the frames presented, or the page was presented too few beside the first window's pace.
   * Without frame callbacks (no count of presented frames) the budget is `full`.
   */
  #measure(now: number): void {
    if (this.#budget?.mode === 'lean') return;
    const count = this.#frames.count();
    const m = this.#measuring;
    // A window opens on a decoded frame and counts the frames decoded and presented after it.
    if (!m) return void (this.#measuring = { at: now, presented: count, decoded: 0, ms: [] });
    m.decoded += 1;
    m.ms.push(this.#lastDecodeMs);
    const elapsed = now - m.at;
    if (elapsed < BUDGET_WINDOW_MS) return;
    const shown = count === null || m.presented === null ? null : count - m.presented;
    const presented = shown ?? m.decoded;
    // Held to the pace only where both windows were counted (a hidden video's callbacks stop; frames still decode).
    const expected = shown !== null && this.#pace !== undefined ? this.#pace * elapsed : presented;
    const measured = chooseBudget(presented, m.decoded, m.ms, expected);
    if (shown !== null) this.#pace ??= shown / elapsed;
    this.#measuring = { at: now, presented: count, decoded: 0, ms: [] };
    // Full, the loop keeps watching: the rescues' idle time may prove not idle (a device with no core to spare keeps
    // up with zxing-cpp alone, then falls behind once rescues take its CPU). Two windows behind in a row: lean for good.
    if (this.#budget) {
      this.#behind = measured.mode === 'full' ? 0 : this.#behind + 1;
      if (this.#behind < 2) return;
    }
    this.#budget = measured;
    this.#options.onBudget?.(measured);
  }

  #schedule(ms: number): void {
    if (this.#running && !this.#closed && this.#timer === undefined && !this.#busy)
      this.#timer = setTimeout(() => void this.#tick().catch(this.#options.onFatal), ms);
  }

  /** The decoder in use: the first of the fallbacks that starts (`stats.decoder` says which). */
  #currentDecoder(): FrameDecoder {
    while (this.#decoder === undefined) {
      const next = this.#fallbacks.shift();
      if (next === undefined) throw new WorkerUnavailableError('no decoder left');
      this.#decoder = next() ?? undefined;
    }
    return this.#decoder;
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    const options = this.#options;
    const { video } = options;
    const frames = this.#frames;
    if (!this.#running || this.#closed) return;
    if (video.readyState < 2 || video.videoWidth === 0) return this.#schedule(50);
    // The same video frame twice would only repeat work and count twice towards Code 39 agreement. Should
    // neither counter move (a frozen source), a frame is still taken every 250 ms.
    const marker = frames.count() ?? -video.currentTime - 1;
    if (marker === this.#lastMarker && performance.now() - this.#lastGrab < 250) {
      // At once when it is presented.
      frames.next(() => {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#schedule(0);
      });
      return this.#schedule(frames.count() === null ? 15 : 250);
    }
    this.#lastMarker = marker;
    this.#lastGrab = performance.now();
    this.#busy = true;
    const started = performance.now();
    let decoded = false;
    try {
      const result = await this.#grabAndDecode(video);
      if (result === RETRY_NOW) {
        this.#busy = false;
        return this.#schedule(0); // Neither a failure nor a decode: the next video frame goes as a bitmap, at once.
      }
      if (result && this.#running && !this.#closed) {
        this.#framesDecoded += 1;
        decoded = true;
        this.#noteEngine(result.decoder);
        options.onFrame(result, performance.now());
      }
      this.#failures = 0;
    } catch (error) {
      this.#busy = false;
      this.#failures += 1;
      // One odd frame must not end a scan; a decoder that keeps failing (cannot load, broken) does.
      // Given up, it takes no frame more (a frame callback still pending must not start one) until started again.
      if (!this.#closed && (this.#failures >= 3 || isUnavailable(error))) {
        this.#running = false;
        return options.onFatal(error);
      }
      return this.#schedule(options.maxIntervalMs);
    }
    this.#busy = false;
    this.#lastDecodeMs = performance.now() - started;
    if (decoded) this.#measure(performance.now());
    // In a worker the next frame as soon as the camera has one (at the camera's rate, as a plain frame loop), at most
    // one per `minIntervalMs`; on the page's thread a pause as long as the decode, so the page is free half the time.
    // Without frame callbacks `currentTime` moves more often than frames do: one frame must not be decoded twice
    // (that would count twice towards Code 39 agreement), so a camera frame's time (40 ms) is the least pause.
    const least = frames.count() === null ? Math.max(options.minIntervalMs, 40) : options.minIntervalMs;
    const mainThread = this.#decoder?.kind === 'main-thread';
    const pause = mainThread ? this.#lastDecodeMs : least - this.#lastDecodeMs;
    this.#intervalMs = Math.min(
      options.maxIntervalMs,
      Math.max(mainThread ? options.minIntervalMs : 0, pause),
    );
    this.#schedule(this.#intervalMs);
  }

  #noteEngine(status: DecoderStatus | null | undefined): void {
    const engine = this.#engine;
    if (!status || (status.engine === engine?.engine && status.reason === engine.reason)) return;
    this.#engine = status;
    this.#options.onDecoder?.(status);
  }

  async #grabAndDecode(video: HTMLVideoElement): Promise<FrameReading | typeof RETRY_NOW | null> {
    await this.#warming; // After a blank, the newest frame (a worker takes the first at once: it loads as it starts).
    const { region, job } = this.#options;
    let frame: CameraFrame | null = this.#videoFrames ? grabVideoFrame(video, region) : null;
    if (frame === null) {
      // VideoFrame(video) refused: bitmaps instead.
      if (this.#videoFrames && !this.#videoFrameRead) this.#videoFrames = false;
      try {
        frame = await grabFrame(video, regionRect(video.videoWidth, video.videoHeight, region));
      } catch {
        return null; // The video had no frame at that instant (switching cameras, ending): try the next one.
      }
    }
    if (this.#closed) {
      closeFrame(frame);
      return null;
    }
    const active = this.#currentDecoder();
    const sentVideoFrame = isVideoFrame(frame);
    try {
      // zxing-cpp's pass alone while the loop measures and on a lean budget: the JS stages' module and runs cost a
      // device with no CPU to spare the frames the camera gave it.
      const rescue = this.#budget?.mode === 'full';
      const result = await active.decode(frame, { ...job, nextFrameAt: this.#frames.nextFrameAt(), rescue });
      if (sentVideoFrame) this.#videoFrameRead = true;
      return result;
    } catch (error) {
      if (sentVideoFrame && !this.#videoFrameRead && !this.#closed && !isUnavailable(error)) {
        this.#videoFrames = false; // This browser cannot send or read VideoFrames: the next frame is a bitmap.
        return RETRY_NOW;
      }
      if (!(error instanceof WorkerUnavailableError) || this.#closed || this.#fallbacks.length === 0)
        throw error;
      // The worker beside the code did not load (a bundler that emits no file for it) or died: the next decoder from
      // the next frame on — the inlined worker, then the main thread.
      active.close();
      this.#decoder = undefined;
      return null;
    }
  }
}

/** A VideoFrame this browser could not use: neither a decode nor a failure, so no pause before the next frame. */
const RETRY_NOW = Symbol('retry-now');

/** No decoder (none loads, the worker is gone), not a VideoFrame refused. */
const isUnavailable = (e: unknown): boolean =>
  e instanceof WorkerUnavailableError ||
  (e as { code?: unknown } | null)?.code === 'decode-decoder-unavailable';

/** The camera's frames as the page is shown them: their count (`null`: not known), the next one's due time, a wake. */
export type PresentedFrames = {
  count(): number | null;
  nextFrameAt(): number | undefined;
  next(wake: () => void): void;
};

/**
 * Counts presented frames (rVFC); `null` if unsupported or none for 250 ms (hidden preview): playback clock. From
 * their spacing, when the next one is due (the rescues' budget); `next` wakes a loop waiting for it.
 */
function watchPresentedFrames(video: HTMLVideoElement, isClosed: () => boolean): PresentedFrames {
  let count = 0;
  let at = Number.NEGATIVE_INFINITY;
  let period = Number.NaN;
  let waiter: (() => void) | undefined;
  type Callback = (now: number, metadata?: { readonly presentedFrames?: number }) => void;
  const v = video as HTMLVideoElement & { requestVideoFrameCallback?: (callback: Callback) => number };
  if (typeof v.requestVideoFrameCallback === 'function') {
    const onFrame: Callback = (_, metadata) => {
      const gap = performance.now() - at;
      // The frames presented since the last callback: a page short of CPU misses callbacks, not frames (cpu4: 52
      // callbacks in 2 s, 59 frames presented). The spacing is per frame.
      const presented = Math.max(1, (metadata?.presentedFrames ?? count + 1) - count);
      if (gap < 250) period = Number.isNaN(period) ? gap / presented : 0.8 * period + (0.2 * gap) / presented;
      count = metadata?.presentedFrames ?? count + 1;
      at = performance.now();
      const wake = waiter;
      waiter = undefined;
      wake?.();
      if (!isClosed()) v.requestVideoFrameCallback?.(onFrame);
    };
    v.requestVideoFrameCallback(onFrame);
  }
  const live = (): boolean => performance.now() - at < 250;
  return {
    count: () => (live() ? count : null),
    nextFrameAt: () => (live() && period > 0 ? performance.timeOrigin + at + period : undefined),
    next: (wake: () => void) => void (waiter = wake),
  };
}

/** The region of the current video frame as a `VideoFrame`, or `null` where that fails (no frame yet, a refusal). */
function grabVideoFrame(video: HTMLVideoElement, region: DecodeRegion | undefined): VideoFrame | null {
  try {
    return cropVideoFrame(new VideoFrame(video), region);
  } catch {
    return null;
  }
}

/** Copies the region of the current video frame: an `ImageBitmap`, or a canvas where that API is missing. */
async function grabFrame(video: HTMLVideoElement, rect: Rect): Promise<CameraFrame> {
  if (typeof createImageBitmap === 'function')
    return createImageBitmap(video, rect.x, rect.y, rect.width, rect.height);
  const canvas = video.ownerDocument.createElement('canvas');
  canvas.width = rect.width;
  canvas.height = rect.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas');
  context.drawImage(video, rect.x, rect.y, rect.width, rect.height, 0, 0, rect.width, rect.height);
  return canvas;
}
