import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Whether the browser says it is online, followed while the element is on the page; `onOnline` when it returns. */
export class OnlineController implements ReactiveController {
  online = typeof navigator === 'undefined' ? true : navigator.onLine;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onOnline: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.changed);
    window.addEventListener('offline', this.changed);
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.changed);
    window.removeEventListener('offline', this.changed);
  }

  private readonly changed = (): void => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
    if (this.online) this.onOnline();
  };
}
