import type {
  CapState,
  LookupOutcome,
  Reason,
  ScannerServices,
  ServiceError,
  ShowContext,
  UsageMode,
} from '../services/types.js';
import type { Phase } from './phase.js';
import type { Rules } from './card-actions.js';
import { Tally } from './sync.js';
import { Task } from './task.js';
import { loadLateTexts, toServiceError } from '../messages/index.js';
import {
  KaikuBeforeRegisterEvent,
  KaikuCardEvent,
  KaikuErrorEvent,
  KaikuScanEvent,
  KaikuSyncEvent,
  KaikuUsageQueuedEvent,
  KaikuUsageRegisteredEvent,
  KaikuUsageVoidedEvent,
  type KaikuUsageDetail,
} from '../events.js';
import {
  READY,
  stepFlow,
  type FlowAction,
  type FlowEmit,
  type FlowEvent,
  type FlowState,
  type Say,
  type Steps,
} from './step-flow.js';

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
  /** A result's cue or a shift entry, for the element to play or take down once painted (`stepFlow`'s `emit`). */
  readonly took?: (emit: Exclude<FlowEmit, FlowEvent>) => void;
};

/** The events the flow fires, by type (tied to `FlowEvent` at compile time). */
const EVENTS: {
  readonly [K in FlowEvent['type']]: new (detail: Extract<FlowEvent, { type: K }>['detail']) => Event;
} = {
  'kaiku-scan': KaikuScanEvent,
  'kaiku-card': KaikuCardEvent,
  'kaiku-usage-registered': KaikuUsageRegisteredEvent,
  'kaiku-usage-queued': KaikuUsageQueuedEvent,
  'kaiku-usage-voided': KaikuUsageVoidedEvent,
  'kaiku-sync': KaikuSyncEvent,
  'kaiku-error': KaikuErrorEvent,
};

/**
 * What the element renders of the flow, read-only: its parts send actions (`apply`), nothing else writes. No DOM.
 * The card actions reach the first download's code through it (`task`, `mayRegister`): their chunk then imports
 * none of its modules, which would otherwise be split into a chunk of their own.
 */
export class Screen {
  #state: FlowState = READY;
  /** The steps of a card on screen (`stepFlow`'s), once loaded with the card actions (before any card is looked up). */
  protected get cardSteps(): Steps | undefined {
    return undefined;
  }
  /** The element moves focus to the new phase's first control (once, see `ScanFlow.takeFocus`). */
  protected focusWanted = false;
  /** Set by `ScanFlow.load` (see `rules`). */
  protected loadedRules: Rules | undefined;
  /** The show's tally on the meter (its only writer). */
  readonly tally: Tally = new Tally(this);
  /** Called after every phase change (the recheck of a card decided offline follows it). */
  onPhase: () => void = () => undefined;

  get phase(): Phase {
    return this.#state.phase;
  }
  get polite(): Say {
    return this.#state.polite;
  }
  get alert(): Say {
    return this.#state.alert;
  }
  get manualError(): Reason | undefined {
    return this.#state.manualError;
  }
  get groupError(): Reason | undefined {
    return this.#state.groupError;
  }
  get cameraError(): Reason | undefined {
    return this.#state.cameraError;
  }
  /**
   * The rules' side of a card (`Rules`: the decision on a request, the booking to collect, the mode, what the registry
   * answered this session): loaded with the card actions, before any card is on screen.
   */
  get rules(): Rules {
    return this.loadedRules!;
  }
  get capState(): CapState | undefined {
    return this.tally.value;
  }

  constructor(readonly host: FlowHost) {}

  get svc(): ScannerServices {
    return this.host.services();
  }

  /** The flow's one writer: the screen after `action` (`stepFlow`); a render, a focus move, the events told. */
  apply(action: FlowAction): void {
    const { state, focus, emit } = stepFlow(this.#state, action, this.cardSteps);
    this.#state = state;
    this.focusWanted ||= focus;
    this.host.changed();
    if (focus) this.onPhase();
    for (const e of emit)
      if (e.type === 'cue' || e.type === 'shift') this.host.took?.(e);
      else this.host.dispatch(new EVENTS[e.type](e.detail as never));
  }

  /** A new `Task` for a part of the flow. */
  task(): Task {
    return new Task();
  }

  /** Asks the host's `kaiku-before-register` listeners: false when one vetoed the registration. */
  mayRegister(detail: KaikuUsageDetail): boolean {
    return this.host.dispatch(new KaikuBeforeRegisterEvent(detail));
  }

  /** A thrown value as a code and text, once the texts of the services' codes are in (if they can load). */
  async errorOf(e: unknown): Promise<ServiceError> {
    await loadLateTexts().catch(() => undefined);
    return toServiceError(e);
  }

  /** A look-up whose failure (a thrown value) is an outcome like any other; `showId`: with the card's booking. */
  async lookUp(cardId: string, signal?: AbortSignal, showId?: string): Promise<LookupOutcome> {
    try {
      return await this.svc.lookupCard(cardId, signal, showId);
    } catch (e) {
      return { ok: false, error: await this.errorOf(e), notFound: false };
    }
  }
}
