import { EVENT_INIT } from './event-init.js';

export type KaikuSyncDetail = {
  /** Usages still waiting to be sent. */
  readonly pending: number;
  /** Usages the server refused after they were accepted offline; staff must resolve them. */
  readonly needsAttention: number;
};

/** The outbox changed: a sync sent usages, or a queued usage needs attention. */
export class KaikuSyncEvent extends Event {
  static readonly eventName = 'kaiku-sync';
  readonly detail: KaikuSyncDetail;
  constructor(detail: KaikuSyncDetail) {
    super(KaikuSyncEvent.eventName, EVENT_INIT);
    this.detail = detail;
  }
}
