// The flow's one writer: `stepFlow(state, action)` is what the screen becomes after an action of the clerk, a reader,
// the registry or the outbox — its phase, what the live regions say, whether focus moves, and what it tells the
// world (`emit`: the host's events, the result's cue, the shift's entries). A pure function of plain data; the parts
// that do I/O (look-ups, registration, undo, the outbox) only say what happened, as an action. The steps of a card on
// screen (card-steps.ts) load with the card actions, before any card is looked up; the rest are here.
import type { CardBooking } from '@kaiku-scanner/core/contract';
import type { CardView, Reason, ServiceError, TicketRequest } from '../services/types.js';
import type { ViewContext } from '../views/view-context.js';
import type {
  KaikuCardDetail,
  KaikuErrorDetail,
  KaikuScanDetail,
  KaikuSyncDetail,
  KaikuUsageDetail,
  KaikuUsageQueuedDetail,
  KaikuUsageRegisteredDetail,
  KaikuUsageVoidedDetail,
} from '../events.js';
import { elementText } from '../messages/index.js';
import type { Phase } from './phase.js';
import type { Outcome } from '../views/verdict.js';

/** A live-region line, rendered in the language on screen when read (a switch mid-card re-renders it). */
export type Say = (v: ViewContext) => string;

const SILENT: Say = () => '';

/** What the screen shows of the flow. */
export type FlowState = {
  readonly phase: Phase;
  readonly polite: Say;
  readonly alert: Say;
  /** A reading refused under the typed field (back on ready). */
  readonly manualError?: Reason | undefined;
  /** A member refused under the group form. */
  readonly groupError?: Reason | undefined;
  readonly cameraError?: Reason | undefined;
};

export const READY: FlowState = { phase: { name: 'ready' }, polite: SILENT, alert: SILENT };

/** A line of this terminal's shift: a usage (its ID, if the services gave one) or a refusal, or an undo. */
export type ShiftEntry =
  | {
      readonly state: 'registered' | 'queued' | 'refused';
      readonly cardId: string;
      readonly request?: TicketRequest;
      readonly id?: string;
    }
  | { readonly state: 'voided'; readonly id: string };

/** One of the element's events the flow fires (the screen dispatches them; `kaiku-before-register` is a question). */
export type FlowEvent =
  | { readonly type: 'kaiku-scan'; readonly detail: KaikuScanDetail }
  | { readonly type: 'kaiku-card'; readonly detail: KaikuCardDetail }
  | { readonly type: 'kaiku-usage-registered'; readonly detail: KaikuUsageRegisteredDetail }
  | { readonly type: 'kaiku-usage-queued'; readonly detail: KaikuUsageQueuedDetail }
  | { readonly type: 'kaiku-usage-voided'; readonly detail: KaikuUsageVoidedDetail }
  | { readonly type: 'kaiku-sync'; readonly detail: KaikuSyncDetail }
  | { readonly type: 'kaiku-error'; readonly detail: KaikuErrorDetail };

/** What a step tells the world: one of the element's events, the result's sound and vibration, a shift entry. */
export type FlowEmit =
  | FlowEvent
  | { readonly type: 'cue'; readonly outcome: Outcome }
  | { readonly type: 'shift'; readonly entry: ShiftEntry };

/** Where a refused reading is said: under the typed field (back on ready), under the group form, or aloud only. */
export type Where = 'manual' | 'group' | 'none';

/** What happened. The parts that do I/O send these; nothing else changes the screen. */
export type FlowAction =
  | { readonly type: 'reset' }
  | { readonly type: 'no-show'; readonly cardId: string }
  | { readonly type: 'scan'; readonly detail: KaikuScanDetail }
  | { readonly type: 'look-up'; readonly cardId: string }
  | {
      readonly type: 'card';
      readonly card: CardView;
      readonly request: TicketRequest;
      readonly blocking: readonly Reason[];
      /** The booking the card comes to collect (named in the card's line). */
      readonly booked?: CardBooking | undefined;
      /** A card decided offline looked up again: allowed, it is updated in place (focus stays). */
      readonly recheck?: boolean;
    }
  | { readonly type: 'request'; readonly request: TicketRequest }
  | { readonly type: 'member-looking'; readonly cardId: string }
  | { readonly type: 'member'; readonly cardId: string }
  | { readonly type: 'waiting'; readonly cardId: string; readonly lost?: string | undefined }
  | { readonly type: 'read-again'; readonly cardId: string }
  | {
      readonly type: 'refused';
      readonly reason: Reason;
      readonly where: Where;
      /** Told to the host as a `kaiku-error` of this stage (not every refusal is: a member typed twice is not). */
      readonly stage?: KaikuErrorDetail['stage'];
      readonly cardId?: string;
    }
  | { readonly type: 'not-allowed'; readonly reasons: readonly Reason[] }
  | { readonly type: 'vetoed' }
  | (Written & { readonly type: 'registering' })
  | (Written & { readonly type: 'register-refused'; readonly reasons: readonly Reason[] })
  | (Written & {
      readonly type: 'registered';
      readonly detail: KaikuUsageDetail;
      readonly usageId: string;
      /** Kept in this terminal's register (registry="none"), not in Kaikukanta. */
      readonly recorded: boolean;
    })
  | (Written & { readonly type: 'queued'; readonly detail: KaikuUsageQueuedDetail })
  | {
      readonly type: 'failed';
      readonly error: ServiceError;
      readonly stage: KaikuErrorDetail['stage'];
      readonly retryCardId?: string;
      readonly cardId?: string;
    }
  | { readonly type: 'not-registered'; readonly error: ServiceError; readonly cardId: string }
  | {
      /** The outbox's records still waiting, and those Kaikukanta refused: a queued usage on screen is followed. */
      readonly type: 'queue';
      readonly pendingIds?: readonly string[] | undefined;
      readonly refused: readonly { readonly id: string; readonly reason: Reason }[];
    }
  | {
      /** The outbox's news for the host: failures as they start, `kaiku-sync` when it changed, a sign-in refused. */
      readonly type: 'outbox';
      readonly errors: readonly KaikuErrorDetail[];
      readonly sync: KaikuSyncDetail | undefined;
      readonly signInFailed: boolean;
    }
  | { readonly type: 'undoing' }
  | {
      readonly type: 'voided';
      readonly detail: KaikuUsageVoidedDetail;
      /** The undone usage is the result on screen. */
      readonly onScreen: boolean;
    }
  | { readonly type: 'undo-failed'; readonly error: ServiceError; readonly cardId: string }
  | { readonly type: 'camera-failed'; readonly error: ServiceError }
  | { readonly type: 'camera-retried' }
  | { readonly type: 'error'; readonly detail: KaikuErrorDetail };

/** The card and tickets a write was for: its answer is shown whatever happened on screen meanwhile (never lost). */
type Written = { readonly card: CardView; readonly request: TicketRequest };

/** What the screen becomes: `focus` moves it to the new phase's first control; `emit` in order. */
export type Step = { readonly state: FlowState; readonly focus: boolean; readonly emit: readonly FlowEmit[] };

/** One action's step, writing on a `Draft`. */
export type Steps = {
  readonly [K in FlowAction['type']]?: (d: Draft, a: Extract<FlowAction, { type: K }>) => void;
};

/**
 * A step being written: the state so far, whether focus moves, what is emitted. The card steps reach the lines they
 * say through it (`silent`, `reasons`): their chunk then imports no module of the first download's.
 */
export class Draft {
  focus = false;
  readonly emit: FlowEmit[] = [];
  /** Nothing said: a live region cleared. */
  readonly silent = SILENT;

  constructor(public state: FlowState) {}

  get phase(): Phase {
    return this.state.phase;
  }

  /** A new phase: focus moves to it, both live regions are replaced, a field's refusal is no longer news. */
  to(phase: Phase, polite: Say = SILENT, alert: Say = SILENT): void {
    this.focus = true;
    const manualError = phase.name === 'ready' ? this.state.manualError : undefined;
    this.state = { ...this.state, phase, polite, alert, groupError: undefined, manualError };
  }

  /** Said in place: the phase (if given) and the lines given change, focus stays. */
  say(change: Partial<FlowState>): void {
    this.state = { ...this.state, ...change };
  }

  error(detail: KaikuErrorDetail): void {
    this.emit.push({ type: 'kaiku-error', detail });
  }

  /** `reasons` said in one line, after `lead` if given. */
  reasons(reasons: readonly Reason[], lead?: Say): Say {
    return (v) =>
      [...(lead ? [lead(v)] : []), ...reasons.map((r) => v.text(r.message))].join(lead ? '. ' : ' ');
  }

  /** The result's sound and vibration, played once painted. */
  cue(outcome: Outcome): void {
    this.emit.push({ type: 'cue', outcome });
  }
}

/** The steps that need no card on screen (the first paint's); the outbox's news may come before any card. */
export const FIRST_STEPS: Steps = {
  reset: (d) => d.to({ name: 'ready' }),
  'no-show': (d, { cardId }) => {
    d.to({ name: 'ready' }, SILENT, (v) => v.t.noShow);
    d.error({ code: 'no-show', stage: 'config', cardId });
  },
  scan: (d, { detail }) => d.emit.push({ type: 'kaiku-scan', detail }),
  'look-up': (d, { cardId }) => d.to({ name: 'looking-up', cardId }, (v) => v.t.lookingUp(v.id(cardId))),
  waiting: (d, { cardId, lost }) => {
    d.say({ polite: (v) => v.t.nextWaiting(cardId.slice(-4)) });
    if (!lost) return;
    d.say({ alert: (v) => v.text(elementText('reading-replaced', { tail: lost.slice(-4) })) });
    d.error({ code: 'reading-replaced', stage: 'input', cardId: lost });
  },
  'read-again': (d, { cardId }) => d.say({ polite: (v) => v.t.alreadyRead(v.id(cardId)) }),
  refused: (d, { reason, where, stage, cardId }) => {
    if (where === 'manual' && d.phase.name !== 'ready') d.to({ name: 'ready' });
    d.say({
      alert: (v) => v.text(reason.message),
      ...(where === 'manual' ? { manualError: reason } : {}),
      ...(where === 'group' ? { groupError: reason } : {}),
    });
    d.cue('refused');
    if (stage) d.error({ code: reason.code, stage, ...(cardId ? { cardId } : {}) });
  },
  failed: (d, { error, stage, retryCardId, cardId }) => {
    d.to(
      retryCardId === undefined ? { name: 'error', error } : { name: 'error', error, retryCardId },
      SILENT,
      (v) => `${v.t.errorHeading}. ${v.text(error.message)}`,
    );
    d.error({ code: error.code, stage, ...(cardId === undefined ? {} : { cardId }) });
    d.cue('attention');
  },
  // An unregistered card is an ordinary refusal: nothing failed, and trying again cannot help.
  'not-registered': (d, { error, cardId }) => {
    d.to(
      { name: 'error', error, refusal: true },
      SILENT,
      d.reasons([error], (v) => v.t.refusedHeading),
    );
    d.emit.push({ type: 'shift', entry: { state: 'refused', cardId } });
    d.error({ code: error.code, stage: 'lookup', cardId });
    d.cue('refused');
  },
  outbox: (d, { errors, sync, signInFailed }) => {
    errors.forEach((e) => d.error(e));
    // A sign-in refused is its own state: said at once (the host is told once per failure, in `errors`).
    if (signInFailed) d.say({ alert: (v) => v.t.signInFailed });
    if (sync) d.emit.push({ type: 'kaiku-sync', detail: sync });
  },
  'camera-failed': (d, { error }) => {
    d.say({ cameraError: { code: error.code, message: error.message }, alert: (v) => v.text(error.message) });
    d.error({ code: error.code, stage: 'camera' });
  },
  'camera-retried': (d) => d.say({ cameraError: undefined }),
  error: (d, { detail }) => d.error(detail),
};

/**
 * The screen after `action` on `state`. `cardSteps`: the steps of a card on screen (card-steps.ts); an action that
 * needs them before they are in is a programming error, thrown.
 */
export function stepFlow(state: FlowState, action: FlowAction, cardSteps?: Steps): Step {
  const d = new Draft(state);
  const step = (FIRST_STEPS[action.type] ?? cardSteps?.[action.type]) as
    ((d: Draft, a: FlowAction) => void) | undefined;
  if (!step) throw new TypeError(`stepFlow: no step for ${action.type}`);
  step(d, action);
  return { state: d.state, focus: d.focus, emit: d.emit };
}
