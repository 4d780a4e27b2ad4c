/**
 * What every kaiku-* event shares: it bubbles out of the shadow root, so hosts (React, Vue, plain DOM) can listen
 * anywhere, and its typed `detail` carries codes, counts and card IDs only.
 */
export class KaikuEvent<D> extends Event {
  /** What happened: codes, counts and card IDs only. */
  readonly detail: D;
  constructor(name: string, detail: D, cancelable = false) {
    super(name, { bubbles: true, composed: true, cancelable });
    this.detail = detail;
  }
}

/** Where a card ID came from. */
export type ScanSource = 'wedge' | 'camera' | 'manual' | 'api';
