import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { OutboxState, ScannerServices, ServiceError } from './services.js';
import type { CoreServicesOptions } from './core-services.js';
import { createCoreServices } from './lazy-core-services.js';
import { toInitialServiceError } from './service-error.js';
import { lazyModule } from './lazy-module.js';

export type ServicesConfig = Omit<CoreServicesOptions, 'onOutboxChange'> & {
  /** Injected services win over the default core composition. */
  readonly services: ScannerServices | undefined;
};

/** Every core text (a chunk shared with the default services' code), loaded when services are first used. */
const errorTexts = lazyModule(() => import('./to-service-error.js'));

/**
 * Owns the services the element talks to: the host's injected object, or the core composition built from
 * `base-url` + `venue-id` + `tokenProvider` (whose code loads in the background). Rebuilt when those change;
 * disposed on disconnect.
 */
export class ServicesController implements ReactiveController {
  private current: ScannerServices | undefined;
  private owned = false;
  private unsubscribe: (() => void) | undefined;
  private config: ServicesConfig | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onOutbox: (state: OutboxState) => void,
  ) {
    host.addController(this);
  }

  configure(config: ServicesConfig): void {
    this.config = config;
    this.teardown();
  }

  /** The services in use (built on first use). */
  get(): ScannerServices {
    if (this.current) return this.current;
    const config = this.config;
    if (config?.services) {
      this.current = config.services;
      this.owned = false;
    } else {
      this.current = createCoreServices({
        baseUrl: config?.baseUrl ?? '',
        venueId: config?.venueId ?? '',
        channel: config?.channel ?? 'box-office',
        getToken: config?.getToken ?? (() => ''),
        retentionMs: config?.retentionMs,
        cardCacheTtlMs: config?.cardCacheTtlMs,
        offlinePolicy: config?.offlinePolicy,
        allowInsecureHttp: config?.allowInsecureHttp,
        ...(config?.databaseName ? { databaseName: config.databaseName } : {}),
      });
      this.owned = true;
    }
    errorTexts.load().catch(() => undefined);
    const svc = this.current;
    this.unsubscribe = svc.onOutboxChange((s) => this.onOutbox(s));
    void svc.outboxState().then(
      (s) => this.current === svc && this.onOutbox(s),
      () => undefined,
    );
    return svc;
  }

  toError(e: unknown): ServiceError {
    return (errorTexts.get()?.toServiceError ?? toInitialServiceError)(e);
  }

  hostConnected(): void {
    if (this.config) this.get();
  }

  hostDisconnected(): void {
    this.teardown();
  }

  private teardown(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.owned) this.current?.dispose();
    this.current = undefined;
  }
}
