import type { EarlierUsage } from '@kaiku-scanner/core/contract';
import type {
  CapState,
  CardView,
  Decision,
  LookupOutcome,
  Reason,
  ScannerServices,
  ServiceError,
  ShowContext,
  TicketRequest,
  UsageMode,
} from '../services/types.js';
import type { Phase } from './phase.js';
import { loadLateTexts, toServiceError } from '../messages/index.js';
import type { ViewContext } from '../views/view-context.js';
import { KaikuErrorEvent, type KaikuErrorDetail } from '../events.js';

/**
 * A line for the live regions, rendered in the language on screen when it is read (a language switch mid-card
 * re-renders it), not in the one of the moment it was said.
 */
export type Say = (v: ViewContext) => string;

export const SILENT: Say = () => '';
export const reasonsText =
  (reasons: readonly Reason[], lead?: Say): Say =>
  (v) =>
    [...(lead ? [lead(v)] : []), ...reasons.map((r) => v.text(r.message))].join(lead ? '. ' : ' ');

/** What the flow needs from the element: its settings, its events, and a render when something changed. */
export type FlowHost = {
  readonly services: () => ScannerServices;
  /** The show usages are registered for (from the element's properties). */
  readonly show: () => ShowContext | undefined;
  readonly mode: () => UsageMode;
  /** Dispatches one of the element's events; false when a listener cancelled it. */
  readonly dispatch: (event: Event) => boolean;
  /** Something on screen changed. */
  readonly changed: () => void;
  /** A card is being looked up: the camera has done its job. */
  readonly stopCamera: () => void;
  /** The card panel's code, needed before a card reaches the screen. */
  readonly loadCardViews: () => Promise<unknown>;
  readonly now?: () => Date;
};

/**
 * What the element renders of the flow (the phase, input errors, the live-region lines) and the means every part
 * of the flow shares to change it and to tell the host. No DOM: it runs in Node.
 */
export class Screen {
  phase: Phase = { name: 'ready' };
  manualError: Reason | undefined;
  groupError: Reason | undefined;
  cameraError: Reason | undefined;
  /** The show's tally as the meter shows it (kept by the sync part). */
  capState: CapState | undefined;
  polite: Say = SILENT;
  alert: Say = SILENT;
  /** The element moves focus to the new phase's first control (once, see `ScanFlow.takeFocus`). */
  focusWanted = false;
  /** `show|card` → the usages this terminal registered or queued this session (memory only): "already used". */
  readonly used = new Map<string, EarlierUsage[]>();
  /** Called after every phase change (the recheck of a card decided offline follows it). */
  onPhase: () => void = () => undefined;

  constructor(readonly host: FlowHost) {}

  get svc(): ScannerServices {
    return this.host.services();
  }

  set(change: () => void): void {
    change();
    this.host.changed();
  }

  toPhase(phase: Phase, polite: Say = SILENT, alert: Say = SILENT): void {
    this.set(() => {
      this.phase = phase;
      this.polite = polite;
      this.alert = alert;
      this.focusWanted = true;
      if (phase.name !== 'ready') this.manualError = undefined;
      this.groupError = undefined;
    });
    this.onPhase();
  }

  /** A card ID the group form cannot take: said under the form and aloud. */
  groupRefused(reason: Reason): void {
    this.set(() => {
      this.groupError = reason;
      this.alert = (v) => v.text(reason.message);
    });
  }

  emitError(detail: KaikuErrorDetail): void {
    this.host.dispatch(new KaikuErrorEvent(detail));
  }

  /** A thrown value as a code and text, once the texts of the services' codes are in (if they can load). */
  async errorOf(e: unknown): Promise<ServiceError> {
    await loadLateTexts().catch(() => undefined);
    return toServiceError(e);
  }

  fail(error: ServiceError, stage: KaikuErrorDetail['stage'], retryCardId?: string, cardId?: string): void {
    this.toPhase(
      retryCardId === undefined ? { name: 'error', error } : { name: 'error', error, retryCardId },
      SILENT,
      (v) => `${v.t.errorHeading}. ${v.text(error.message)}`,
    );
    this.emitError({ code: error.code, stage, ...(cardId === undefined ? {} : { cardId }) });
  }

  /** An unregistered card is an ordinary refusal: nothing failed, and trying again cannot help. */
  notRegistered(error: ServiceError, cardId: string): void {
    this.toPhase(
      { name: 'error', error, refusal: true },
      SILENT,
      reasonsText([error], (v) => v.t.refusedHeading),
    );
    this.emitError({ code: error.code, stage: 'lookup', cardId });
  }

  /** A look-up whose failure (a thrown value) is an outcome like any other. */
  async lookUp(cardId: string, signal?: AbortSignal): Promise<LookupOutcome> {
    try {
      return await this.svc.lookupCard(cardId, signal);
    } catch (e) {
      return { ok: false, error: await this.errorOf(e), notFound: false };
    }
  }

  /** The rules' decision on a request for a card (the ticket form asks it for every bound). */
  decide(card: CardView, show: ShowContext, request: TicketRequest): Decision {
    const now = this.host.now?.() ?? new Date();
    const earlier = this.used.get(`${show.id}|${card.id}`) ?? [];
    return this.svc.decide({ card, show, mode: this.host.mode(), request, cap: this.capState, now, earlier });
  }
}
