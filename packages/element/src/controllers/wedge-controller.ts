import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isKaikuError, type KaikuError } from '@kaiku-scanner/core/base';
import { createWedgeListener } from '@kaiku-scanner/core/wedge';
import type { CalibrationResult, WedgeListener, WedgeListenerOptions } from '@kaiku-scanner/core/wedge';
import type { Reason } from '../services/types.js';

/** Reader settings the host may pass (layout, terminator, prefix/suffix, a stored calibration profile, …). */
export type WedgeSettings = Omit<WedgeListenerOptions, 'target' | 'onScan' | 'onError' | 'signal'>;

type Terminal = ReactiveControllerHost & HTMLElement;

/** The `<kaiku-scanner>` elements on the page, and the one a clerk last focused or clicked. */
const terminals = new Set<Terminal>();
let lastUsed: Terminal | undefined;

/** Listens for wedge scanners, focus anywhere; of several elements the focused, else last used, else first reads
 * (docs/element.md, "Several elements"). */
export class WedgeController implements ReactiveController {
  private handle: WedgeListener | undefined;
  private enabled = true;
  private connected = false;
  private settings: WedgeSettings = {};

  constructor(
    private readonly host: Terminal,
    /** `duplicate`: the same card read again moments ago. */
    private readonly onScan: (cardId: string, duplicate: boolean) => void,
    private readonly onError: (reason: Reason) => void,
    /** The listener refused `wedgeOptions` (an unknown option, a nonsense number), or took them (`undefined`). */
    private readonly onOptions: (error: KaikuError | undefined) => void = () => undefined,
  ) {
    host.addController(this);
  }

  /** Whether this element is the one wedge readings go to. */
  get active(): boolean {
    const focused = document.activeElement;
    let chosen = [...terminals].find((t) => t === focused || t.contains(focused));
    chosen ??= lastUsed?.isConnected ? lastUsed : undefined;
    chosen ??= [...terminals].reduce<Terminal | undefined>(
      (first, t) =>
        !first || t.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING ? t : first,
      undefined,
    );
    return chosen === this.host;
  }

  /** This element becomes the active one (the clerk focused or clicked it, or calibrates its reader). */
  readonly use = (): void => {
    // Always told: on a pointerdown focus has not moved yet, so the focusin after it may change the choice.
    lastUsed = this.host;
    terminals.forEach((t) => t.requestUpdate());
  };

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
    terminals.add(this.host);
    this.attach(true);
  }

  hostDisconnected(): void {
    terminals.delete(this.host);
    if (lastUsed === this.host) lastUsed = undefined;
    this.attach(false);
  }

  private attach(connected: boolean): void {
    for (const type of ['focusin', 'pointerdown'])
      this.host[connected ? 'addEventListener' : 'removeEventListener'](type, this.use);
    terminals.forEach((t) => t.requestUpdate());
    this.connected = connected;
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
