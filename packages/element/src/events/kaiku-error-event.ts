import { KaikuEvent } from './event-init.js';

/** `kaiku-error`'s detail: a stable code, the stage that failed and what it concerns. */
export type KaikuErrorDetail = {
  /** Stable error code (the same codes as the core's messages). */
  readonly code: string;
  /** What failed: reading, looking up, registering, undoing (`void`), camera, sync. */
  readonly stage: 'input' | 'lookup' | 'register' | 'void' | 'camera' | 'sync' | 'config';
  /** The card concerned, when there is one (never sent anywhere but the host page). */
  readonly cardId?: string;
  /** `stage: 'config'`: the setting that cannot be used, as the host spells it (`show-start`, `shows[1].cap`). */
  readonly setting?: string;
};

/** Something went wrong; the element shows the message in the current language. */
export class KaikuErrorEvent extends KaikuEvent<KaikuErrorDetail> {
  /** The event's type. */
  static readonly eventName = 'kaiku-error';
  constructor(detail: KaikuErrorDetail) {
    super(KaikuErrorEvent.eventName, detail);
  }
}
