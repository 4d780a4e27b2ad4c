/**
 * Registers `<kaiku-scanner>`. Importing this module defines the element (once, even if two copies load).
 *
 * @example
 * import 'kaiku-scanner';
 * document.body.append(Object.assign(document.createElement('kaiku-scanner'), { baseUrl: 'http://localhost:8787' }));
 */
import { KaikuScanner } from './kaiku-scanner.component.js';

export { KaikuScanner } from './kaiku-scanner.component.js';
export type { TokenProvider, UsageMode } from './kaiku-scanner.component.js';
export * from './events/index.js';
export type {
  AttentionItem,
  CapState,
  CardView,
  DecideInput,
  Decision,
  LocalizedText,
  ParsedCardId,
  ServiceError,
  UsageInput,
  LookupOutcome,
  OutboxState,
  Reason,
  RegisterOutcome,
  ScannerServices,
  ShowContext,
  TicketRequest,
} from './controllers/services.js';
export { createCoreServices } from './controllers/lazy-core-services.js';
export type { CoreServices } from './controllers/lazy-core-services.js';
export type { WedgeSettings } from './controllers/wedge-controller.js';
export type { CoreServicesOptions } from './controllers/core-services.js';

if (!customElements.get('kaiku-scanner')) customElements.define('kaiku-scanner', KaikuScanner);

declare global {
  interface HTMLElementTagNameMap {
    'kaiku-scanner': KaikuScanner;
  }
}
