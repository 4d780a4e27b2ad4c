import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraScanHandle } from '@kaiku-scanner/core';
import type { ServiceError } from './services.js';
import { toInitialServiceError } from './service-error.js';

/**
 * Opens the camera on demand and owns its lifecycle: every track is stopped when the clerk closes it, when a card
 * has been read, and when the element leaves the page. Decoders are loaded by the core only once it starts.
 */
export class CameraController implements ReactiveController {
  private handle: CameraScanHandle | undefined;
  private starting: AbortController | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onScan: (cardId: string) => void,
    private readonly onError: (error: ServiceError) => void,
  ) {
    host.addController(this);
  }

  get active(): boolean {
    return this.handle !== undefined || this.starting !== undefined;
  }

  async start(video: () => HTMLVideoElement | null, beep = true): Promise<void> {
    if (this.active) return;
    const abort = new AbortController();
    this.starting = abort;
    this.host.requestUpdate();
    await this.host.updateComplete;
    const el = video();
    let toError = toInitialServiceError;
    try {
      const { startCameraScan, localize, toServiceError } = await import('./camera-loader.js');
      toError = toServiceError;
      const handle = await startCameraScan({
        ...(el ? { video: el } : {}),
        signal: abort.signal,
        beep,
        onScan: (scan) => this.onScan(scan.id),
        onReject: (r) =>
          this.onError({ code: r.error.code, message: r.error.message ?? localize(r.error.code, {}) }),
        onError: (e) => this.onError(toServiceError(e)),
        onStop: () => {
          this.handle = undefined;
          this.host.requestUpdate();
        },
      });
      if (abort.signal.aborted) handle.stop();
      else this.handle = handle;
    } catch (e) {
      if (!abort.signal.aborted) this.onError(toError(e));
    } finally {
      if (this.starting === abort) this.starting = undefined;
      this.host.requestUpdate();
    }
  }

  stop(): void {
    this.starting?.abort();
    this.starting = undefined;
    this.handle?.stop();
    this.handle = undefined;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
