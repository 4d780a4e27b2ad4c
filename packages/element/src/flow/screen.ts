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
import type { CardBooking } from '@kaiku-scanner/core/contract';
import type { Phase } from './phase.js';
import type { Memory } from './memory.js';
import type { Rules } from './card-actions.js';
import { Tally } from './sync.js';
import { loadLateTexts, toServiceError } from '../messages/index.js';
import type { ViewContext } from '../views/view-context.js';
import { KaikuErrorEvent, type KaikuErrorDetail } from '../events.js';

/** A live-region line, rendered in the language on screen when read (a switch mid-card re-renders it). */
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
  readonly changed: () => void;
  /** A card is being looked up: the camera has done its job. */
  readonly stopCamera: () => void;
  /** The card panel's code, needed before a card reaches the screen. */
  readonly loadCardViews: () => Promise<unknown>;
  readonly now?: () => Date;
};

/** A change of what the screen says: each field given is replaced, the others stay. */
export type Shown = Readonly<{ phase?: Phase; polite?: Say; alert?: Say; groupError?: Reason | undefined }>;

/** What the element renders of the flow, read-only: its parts change it by method and tell the host. No DOM. */
export class Screen {
  readonly phase: Phase = { name: 'ready' };
  readonly manualError: Reason | undefined;
  readonly groupError: Reason | undefined;
  readonly cameraError: Reason | undefined;
  readonly polite: Say = SILENT;
  readonly alert: Say = SILENT;
  /** Readings refused without a phase of their own (malformed, a group member): each gets the refusal cue. */
  readonly refusals: number = 0;
  /** The element moves focus to the new phase's first control (once, see `ScanFlow.takeFocus`). */
  protected focusWanted = false;
  /** The rules' side and the registry's answers, loaded with the card actions before any card is on screen. */
  protected rules: Rules | undefined;
  /** The show's tally on the meter (its only writer). */
  readonly tally: Tally = new Tally(this);
  /** Called after every phase change (the recheck of a card decided offline follows it). */
  onPhase: () => void = () => undefined;

  /** The fields above, writable: for the methods below only. */
  get #w(): { -readonly [K in keyof Screen]: Screen[K] } {
    return this;
  }
  /** What the registry answered this terminal: "already used" (its only writers: registration and undo). */
  get memory(): Memory {
    return this.rules!.memory;
  }
  get capState(): CapState | undefined {
    return this.tally.value;
  }

  constructor(readonly host: FlowHost) {}

  get svc(): ScannerServices {
    return this.host.services();
  }

  /** Says `shown` in place (no focus move): a look-up's progress, a member added, a card verified. */
  show(shown: Shown): void {
    if (shown.phase) this.#w.phase = shown.phase;
    if (shown.polite) this.#w.polite = shown.polite;
    if (shown.alert) this.#w.alert = shown.alert;
    if ('groupError' in shown) this.#w.groupError = shown.groupError;
    this.host.changed();
  }

  toPhase(phase: Phase, polite: Say = SILENT, alert: Say = SILENT): void {
    if (phase.name !== 'ready') this.#w.manualError = undefined;
    this.focusWanted = true;
    this.show({ phase, polite, alert, groupError: undefined });
    this.onPhase();
  }

  /** A reading refused before any look-up: under the field it came to (if any), aloud, with the refusal cue. */
  refused(reason: Reason, where: 'manual' | 'group' | 'none'): void {
    if (where === 'manual') this.#w.manualError = reason;
    this.#w.refusals++;
    this.show({ alert: (v) => v.text(reason.message), ...(where === 'group' ? { groupError: reason } : {}) });
  }

  cameraFailed(error: ServiceError): void {
    this.#w.cameraError = { code: error.code, message: error.message };
    this.show({ alert: (v) => v.text(error.message) });
    this.emitError({ code: error.code, stage: 'camera' });
  }

  /** The clerk turns the camera on again: its last failure is no longer news. */
  cameraRetried(): void {
    this.#w.cameraError = undefined;
    this.host.changed();
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

  /** A look-up whose failure (a thrown value) is an outcome like any other; `showId`: with the card's booking. */
  async lookUp(cardId: string, signal?: AbortSignal, showId?: string): Promise<LookupOutcome> {
    try {
      return await this.svc.lookupCard(cardId, signal, showId);
    } catch (e) {
      return { ok: false, error: await this.errorOf(e), notFound: false };
    }
  }

  /** The rules' decision on a request for a card (the ticket form asks it for every bound; `Rules.decide`). */
  decide(card: CardView, show: ShowContext, request: TicketRequest): Decision {
    return this.rules!.decide(card, show, request);
  }

  /** The card's booking to collect (`Rules.collecting`). */
  collecting(card: CardView): CardBooking | undefined {
    return this.rules!.collecting(card);
  }

  /** The mode a card's usage is registered in (`Rules.modeFor`). */
  modeFor(card: CardView): UsageMode {
    return this.rules!.modeFor(card);
  }
}
