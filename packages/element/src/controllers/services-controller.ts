import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CoreServicesOptions, OutboxState, ScannerServices } from '../services/types.js';
import { createCoreServices } from '../services/create-core-services.js';
import { loadLateTexts } from '../messages/index.js';
import { affecting } from './property.js';
import type { KaikuScanner } from '../kaiku-scanner.component.js';

/** Injected services win over the default core composition. */
type ServicesConfig = CoreServicesOptions & { readonly services: ScannerServices | undefined };

/** Before the element's first update: no API, so every look-up fails with `element-not-configured`. */
const UNSET: ServicesConfig = {
  services: undefined,
  baseUrl: '',
  venueId: '',
  channel: 'box-office',
  getToken: () => '',
};

/** Owns the services: the host's, or built from `base-url` + `venue-id` + `tokenProvider` (rebuilt on change,
 * disposed on disconnect); follows the browser's online state. */
export class ServicesController implements ReactiveController {
  private current: ScannerServices | undefined;
  private owned = false;
  private unsubscribe: (() => void) | undefined;
  private config: ServicesConfig | undefined;
  online = typeof navigator === 'undefined' ? true : navigator.onLine;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onOutbox: (state: OutboxState) => void,
    private readonly onOnline: () => void,
  ) {
    host.addController(this);
  }

  /** Rebuilds the services from the properties declared as affecting them (the same names, but `outboxName`). */
  configureFrom(p: KaikuScanner): void {
    this.teardown();
    const same = Object.fromEntries(affecting(p, 'services').map((k) => [k, p[k as keyof KaikuScanner]]));
    const { outboxName, ...options } = same as ServicesConfig & Pick<KaikuScanner, 'outboxName'>;
    // The token is asked for at each request: a new `tokenProvider` needs no rebuild.
    this.config = {
      ...options,
      getToken: () => p.tokenProvider?.() ?? '',
      ...(outboxName ? { databaseName: outboxName } : {}),
    };
  }

  /** The services in use (built on first use): the injected ones, or the core's built from the properties. */
  get(): ScannerServices {
    if (this.current) return this.current;
    const { services, ...options } = this.config ?? UNSET;
    this.owned = services === undefined;
    this.current = services ?? createCoreServices(options);
    // The texts of the services' codes (injected services raise the same codes); views showing them (storage health)
    // render again once they have loaded, or with the `element-load-failed` text when they could not.
    const redraw = (): void => this.host.requestUpdate();
    loadLateTexts().then(redraw, redraw);
    const svc = this.current;
    this.unsubscribe = svc.onOutboxChange((s) => this.onOutbox(s));
    void svc.outboxState().then(
      (s) => this.current === svc && this.onOutbox(s),
      () => undefined,
    );
    return svc;
  }

  hostConnected(): void {
    for (const type of ['online', 'offline']) window.addEventListener(type, this.connectionChanged);
    if (this.config) this.get();
  }

  hostDisconnected(): void {
    for (const type of ['online', 'offline']) window.removeEventListener(type, this.connectionChanged);
    this.teardown();
  }

  private readonly connectionChanged = (): void => {
    this.online = navigator.onLine;
    this.host.requestUpdate();
    if (this.online) this.onOnline();
  };

  private teardown(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.owned) this.current?.dispose();
    this.current = undefined;
  }
}
