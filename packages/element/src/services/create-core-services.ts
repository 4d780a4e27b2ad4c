import type { CoreServicesOptions, OutboxState, ScannerServices } from './types.js';
import { lazyModule } from '../lazy-module.js';
import type * as CoreModule from './core-services.js';
import { elementError, loadLateTexts } from '../messages/index.js';
import { parseCardId } from '@kaiku-scanner/core/wedge';
import { checkOptions, optionKeys } from '@kaiku-scanner/core/base';

const OPTIONS = optionKeys<CoreServicesOptions>()(
  'baseUrl venueId channel getToken databaseName retentionMs cardCacheTtlMs offlinePolicy allowInsecureHttp terminalName registry',
);

/** What the loaded code composes: all but `parseCardId` (answered here) and `onOutboxChange` (listeners kept here). */
export type ComposedServices = Required<Omit<ScannerServices, 'parseCardId' | 'onOutboxChange'>>;

/** The methods that wait for the loaded code: all but `decide` (synchronous) and `dispose` (answered here). */
const LATER = optionKeys<Omit<ComposedServices, 'decide' | 'dispose'>>()(
  'lookupCard register capState outboxState syncNow resolveAttention registerRest voidUsage exportCsv exportReport handOverRegister acknowledgeLoss',
);

/** The services' code (API client, outbox, rules, their texts): loaded in the background on first use. */
const coreModule = lazyModule(() => import('./core-services.js'));

/** The default services, plus what the element needs to know about their loading. */
export type CoreServices = ScannerServices & {
  /** Settles when the services' code has loaded (rejects with `element-load-failed` if it could not). */
  readonly ready: Promise<void>;
};

/**
 * The default services: the core's API client, the offline outbox (usages on disk before the clerk is told) and the
 * rules core. Their code loads in the background; `decide()` is synchronous, so await `ready` before calling it.
 *
 * @example
 * const services = createCoreServices({ baseUrl, venueId: 'venue-1', channel: 'box-office', getToken });
 * await services.ready;
 * scanner.services = services;
 */
export function createCoreServices(options: CoreServicesOptions): CoreServices {
  // A misspelt option throws `OptionsError` (`unknown-field`, with the option meant), never a silent default.
  checkOptions('createCoreServices', options, OPTIONS);
  let inner: ComposedServices | undefined;
  let disposed = false;
  const listeners = new Set<(s: OutboxState) => void>();
  const build = (m: typeof CoreModule): ComposedServices => {
    if (disposed) throw elementError('element-disposed', 'The services have been disposed.');
    return (inner ??= m.composeCoreServices(options, (s) => listeners.forEach((l) => l(s))));
  };
  const already = coreModule.get();
  if (already) build(already);
  const services = async (): Promise<ComposedServices> =>
    inner && !disposed ? inner : build(await coreModule.load());
  // The reasons `decide()` gives carry texts: ready once the texts of the services' codes are in as well.
  const ready = services()
    .then(() => loadLateTexts())
    .then(() => undefined);
  // A failed load is reported by the call that needs the services; `ready` alone must not be an unhandled rejection.
  ready.catch(() => undefined);

  // A method that waits for the code to load, then calls the loaded services' own.
  const later = <K extends keyof ComposedServices>(name: K): ComposedServices[K] =>
    (async (...args: unknown[]) =>
      ((await services())[name] as (...a: unknown[]) => unknown)(...args)) as ComposedServices[K];
  return {
    ready,
    // The core's card-ID parser, its result as the element's `ParsedCardId`.
    parseCardId(raw) {
      const r = parseCardId(raw);
      return r.ok
        ? { ok: true, id: r.id }
        : { ok: false, reason: { code: r.error.code, message: r.error.message } };
    },
    decide(input) {
      if (!inner || disposed)
        throw elementError('element-not-ready', 'The services are still loading: await ready.');
      return inner.decide(input);
    },
    onOutboxChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...(Object.fromEntries(Object.keys(LATER).map((k) => [k, later(k as keyof typeof LATER)])) as {
      [K in keyof typeof LATER]: ComposedServices[K];
    }),
    dispose() {
      disposed = true;
      listeners.clear();
      inner?.dispose();
    },
  };
}
