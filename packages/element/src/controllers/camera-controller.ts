import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraScanHandle } from '@kaiku-scanner/core/camera';
import type { ServiceError } from '../services/types.js';
import { toServiceError } from '../messages/index.js';
import type { ViewContext } from '../views/view-context.js';
import type * as CameraCode from '../services/camera-loader.js';

/** Where the camera's decoding worker and WebAssembly file are served, when not beside the camera code. */
export type CameraUrls = { readonly workerUrl?: string | undefined; readonly wasmUrl?: string | undefined };

/** How long the camera may find nothing before the clerk is shown what to try (more light, hold still, flip). */
export const NO_READ_HINT_MS = 8000;

/** Opens the camera on demand and owns its lifecycle: every track stops on close, read, hidden page, removal. */
export class CameraController implements ReactiveController {
  /** The open camera (`onStop` clears it). */
  handle: CameraScanHandle | undefined;
  private starting: AbortController | undefined;
  private hintTimer: ReturnType<typeof setTimeout> | undefined;
  /** The camera's code, once it has been opened. */
  private code: typeof CameraCode | undefined;
  /** Nothing was read for `NO_READ_HINT_MS` since the camera opened (or since the last thing it read). */
  hint = false;
  /** Degraded decoding (main thread, weaker decoder), each said once and kept while the page lives. */
  readonly notices: ServiceError[] = [];

  constructor(
    readonly host: ReactiveControllerHost & Element,
    readonly onScan: (cardId: string) => void,
    readonly onError: (error: ServiceError) => void,
    readonly onDegraded: (notice: ServiceError) => void,
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.handle !== undefined || this.starting !== undefined;
  }

  /** The open camera's torch and zoom, only where its track reports them; their code comes with the camera's. */
  renderControls(v: ViewContext): unknown {
    return this.handle && this.code?.renderTrackControls(v, this, this.handle);
  }

  /** Opens the camera (into the `<video>` the host renders for it), or closes it when open. */
  async toggle(video: () => HTMLVideoElement | null, beep: boolean, urls: CameraUrls = {}): Promise<void> {
    if (this.active) return this.stop();
    // The preview may be re-rendered while the camera starts: the element of the moment, else the one of the click.
    const first = video();
    const abort = new AbortController();
    this.starting = abort;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const el = video() ?? first;
    try {
      // The scan's wiring comes with the camera's code: the first download carries none of it.
      const code = (this.code = await import('../services/camera-loader.js'));
      const handle = await code.openCamera(this, el, abort.signal, beep, urls);
      if (abort.signal.aborted) handle.stop();
      else {
        this.handle = handle;
        this.waitForRead();
      }
    } catch (e) {
      if (!abort.signal.aborted) this.onError(toServiceError(e));
    } finally {
      if (this.starting === abort) this.starting = undefined;
      this.host.requestUpdate();
    }
  }

  waitForRead(): void {
    this.clearHint();
    this.hintTimer = setTimeout(() => {
      this.hint = true;
      this.host.requestUpdate();
    }, NO_READ_HINT_MS);
  }

  clearHint(): void {
    clearTimeout(this.hintTimer);
    if (this.hint) this.host.requestUpdate();
    this.hint = false;
  }

  stop(): void {
    this.clearHint();
    this.starting?.abort();
    this.starting = undefined;
    this.handle?.stop();
    this.handle = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // Moved or mounted again in one task (a framework's double mount): it stays on, one preview and one track.
    queueMicrotask(() => {
      if (!this.host.isConnected) this.stop();
    });
  }
}
