import type { CardView, Reason, ServiceError, TicketRequest } from '../services/types.js';

/** Where the clerk is in the flow. One customer at a time; every phase leads back to `ready`. */
export type Phase =
  | { readonly name: 'ready' }
  | { readonly name: 'looking-up'; readonly cardId: string }
  | {
      readonly name: 'card';
      readonly card: CardView;
      readonly request: TicketRequest;
      /** Reasons no choice of tickets can fix (status, expiry, cap full…): no ticket form is shown. */
      readonly blocking: readonly Reason[];
    }
  | { readonly name: 'registering'; readonly card: CardView; readonly request: TicketRequest }
  | {
      readonly name: 'done';
      /** `recorded`: kept in this terminal's register (registry="none"), not in Kaikukanta; `refused-later`: queued
       * offline, then refused when sent; `voided`: undone by the clerk. */
      readonly outcome: 'registered' | 'recorded' | 'queued' | 'refused-later' | 'voided';
      readonly cardId: string;
      readonly request: TicketRequest;
      /** The queued usage's outbox record, followed until it is sent. */
      readonly recordId?: string;
      /** The registered usage's ID (`kaiku-usage-registered`): what the undo action undoes. */
      readonly usageId?: string;
      /** Why the last undo failed (the result stands). */
      readonly undoError?: ServiceError;
      /** Why Kaikukanta refused it (`refused-later`). */
      readonly reason?: Reason;
    }
  | {
      readonly name: 'error';
      readonly error: ServiceError;
      readonly retryCardId?: string;
      /** Kaikukanta answered, and the answer is a refusal (an unregistered card): not a fault. */
      readonly refusal?: true;
    };

export const EMPTY_REQUEST: TicketRequest = { children: 0, groupCardIds: [], under16: 0 };

/** How often a card on screen that was decided without Kaikukanta is looked up again (while it is on screen). */
export const RECHECK_MS = 5_000;
