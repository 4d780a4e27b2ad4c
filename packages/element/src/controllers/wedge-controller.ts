import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isKaikuError, type KaikuError } from '@kaiku-scanner/core/base';
import { createWedgeListener } from '@kaiku-scanner/core/wedge';
import type { CalibrationResult, WedgeListener, WedgeListenerOptions } from '@kaiku-scanner/core/wedge';
import type { Reason } from '../services/types.js';

/** Reader settings the host may pass (layout, terminator, prefix/suffix, a stored calibration profile, …). */
export type WedgeSettings = Omit<WedgeListenerOptions, 'target' | 'onScan' | 'onError' | 'signal'>;

/**
 * Listens for keyboard-wedge scanners while the element is connected: focus may be anywhere on the page, and a
 * burst typed into a focused field is taken out of it by the core listener. Human typing is never delayed.
 */
export class WedgeController implements ReactiveController {
  private handle: WedgeListener | undefined;
  private enabled = true;
  private connected = false;
  private settings: WedgeSettings = {};

  constructor(
    host: ReactiveControllerHost,
    /** `duplicate`: the same card read again moments ago. */
    private readonly onScan: (cardId: string, duplicate: boolean) => void,
    private readonly onError: (reason: Reason) => void,
    /** The listener refused `wedgeOptions` (an unknown option, a nonsense number), or took them (`undefined`). */
    private readonly onOptions: (error: KaikuError | undefined) => void = () => undefined,
  ) {
    host.addController(this);
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.sync();
  }

  /** New reader settings take effect at once (the listener is restarted). */
  configure(settings: WedgeSettings | undefined): void {
    this.settings = settings ?? {};
    this.handle?.stop();
    this.handle = undefined;
    this.onOptions(undefined);
    this.sync();
  }

  /** Learns the reader from one scan of any card; resolves with a profile the host may store. */
  calibrate(timeoutMs?: number): Promise<CalibrationResult> {
    this.sync();
    if (!this.handle) return Promise.reject(new Error('The wedge listener is off (no-wedge).'));
    return this.handle.calibrate(timeoutMs === undefined ? {} : { timeoutMs });
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
      try {
        this.handle = createWedgeListener({
          ...this.settings,
          target: document,
          onScan: (scan) => this.onScan(scan.id, scan.duplicate),
          onError: (error) => this.onError({ code: error.code, message: error.message }),
        });
        this.onOptions(undefined);
      } catch (error) {
        // A misspelt option or a nonsense number: no listener until the host fixes it (a configuration problem).
        if (!isKaikuError(error) || !['unknown-field', 'wedge-invalid-option'].includes(error.code))
          throw error;
        this.onOptions(error);
      }
    } else if (!want && this.handle) {
      this.handle.stop();
      this.handle = undefined;
    }
  }
}
