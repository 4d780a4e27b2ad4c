import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { createWedgeListener } from '@kaiku-scanner/core';
import type { Reason } from './services.js';

/**
 * Listens for keyboard-wedge scanners while the element is connected: focus may be anywhere on the page, and a
 * burst typed into a focused field is taken out of it by the core listener. Human typing is never delayed.
 */
export class WedgeController implements ReactiveController {
  private handle: { stop(): void } | undefined;
  private enabled = true;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly onScan: (cardId: string, raw: string) => void,
    private readonly onError: (reason: Reason) => void,
  ) {
    host.addController(this);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.sync();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private sync(): void {
    const want = this.enabled && this.connected;
    if (want && !this.handle) {
      this.handle = createWedgeListener({
        target: document,
        onScan: (scan) => this.onScan(scan.id, scan.id),
        onError: (error) => this.onError({ code: error.code, message: error.message }),
      });
    } else if (!want && this.handle) {
      this.handle.stop();
      this.handle = undefined;
    }
  }
}
