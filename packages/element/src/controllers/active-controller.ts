import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Terminal = ReactiveControllerHost & HTMLElement;

/** The `<kaiku-scanner>` elements on the page, and the one a clerk last focused or clicked. */
const terminals = new Set<Terminal>();
let lastUsed: Terminal | undefined;

/**
 * Which of the elements on a page takes wedge readings, so a reading goes to exactly one: the element holding
 * focus; else the one focused or clicked last; else the first on the page. Focus moves into an element (to the
 * control of its new step) only while it is the active one: it never jumps to another terminal.
 */
export class ActiveController implements ReactiveController {
  constructor(private readonly host: Terminal) {
    host.addController(this);
  }

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

  hostConnected(): void {
    terminals.add(this.host);
    this.host.addEventListener('focusin', this.use);
    this.host.addEventListener('pointerdown', this.use);
    terminals.forEach((t) => t.requestUpdate());
  }

  hostDisconnected(): void {
    terminals.delete(this.host);
    if (lastUsed === this.host) lastUsed = undefined;
    this.host.removeEventListener('focusin', this.use);
    this.host.removeEventListener('pointerdown', this.use);
    terminals.forEach((t) => t.requestUpdate());
  }
}
