export type { ScanSource } from './event-init.js';
export type { KaikuUsageDetail } from './usage-detail.js';
export { KaikuScanEvent, type KaikuScanDetail } from './kaiku-scan-event.js';
export { KaikuCardEvent, type KaikuCardDetail } from './kaiku-card-event.js';
export { KaikuBeforeRegisterEvent } from './kaiku-before-register-event.js';
export {
  KaikuUsageRegisteredEvent,
  type KaikuUsageRegisteredDetail,
} from './kaiku-usage-registered-event.js';
export { KaikuUsageQueuedEvent, type KaikuUsageQueuedDetail } from './kaiku-usage-queued-event.js';
export { KaikuUsageVoidedEvent, type KaikuUsageVoidedDetail } from './kaiku-usage-voided-event.js';
export { KaikuSyncEvent, type KaikuSyncDetail } from './kaiku-sync-event.js';
export { KaikuErrorEvent, type KaikuErrorDetail } from './kaiku-error-event.js';

import type { KaikuScanEvent } from './kaiku-scan-event.js';
import type { KaikuCardEvent } from './kaiku-card-event.js';
import type { KaikuBeforeRegisterEvent } from './kaiku-before-register-event.js';
import type { KaikuUsageRegisteredEvent } from './kaiku-usage-registered-event.js';
import type { KaikuUsageQueuedEvent } from './kaiku-usage-queued-event.js';
import type { KaikuUsageVoidedEvent } from './kaiku-usage-voided-event.js';
import type { KaikuSyncEvent } from './kaiku-sync-event.js';
import type { KaikuErrorEvent } from './kaiku-error-event.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'kaiku-scan': KaikuScanEvent;
    'kaiku-card': KaikuCardEvent;
    'kaiku-before-register': KaikuBeforeRegisterEvent;
    'kaiku-usage-registered': KaikuUsageRegisteredEvent;
    'kaiku-usage-queued': KaikuUsageQueuedEvent;
    'kaiku-usage-voided': KaikuUsageVoidedEvent;
    'kaiku-sync': KaikuSyncEvent;
    'kaiku-error': KaikuErrorEvent;
  }
}
