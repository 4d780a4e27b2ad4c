/**
 * Registers `<kaiku-scanner>`. Importing this module defines the element (once, even if two copies load).
 *
 * @example
 * import 'kaiku-scanner';
 * document.body.append(Object.assign(document.createElement('kaiku-scanner'), { baseUrl: 'http://localhost:8787' }));
 */
import { claimWorkerPolicy } from '@kaiku-scanner/core/base';
import { KaikuScanner } from './kaiku-scanner.component.js';

export { KaikuScanner } from './kaiku-scanner.component.js';
export * from './events.js';
export type * from './services/types.js';
export { createCoreServices, type CoreServices } from './services/create-core-services.js';
export type { WedgeSettings } from './controllers/wedge-controller.js';

// The decoder worker's Trusted Types policy name is taken now, before a later script could claim it.
claimWorkerPolicy();
if (!customElements.get('kaiku-scanner')) customElements.define('kaiku-scanner', KaikuScanner);

declare global {
  interface HTMLElementTagNameMap {
    'kaiku-scanner': KaikuScanner;
  }
}
