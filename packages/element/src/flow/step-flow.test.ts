// `stepFlow` as a table: from a screen, an action, to what the screen becomes, says, focuses and tells the world.
import { describe, expect, it } from 'vitest';
import { FIRST_STEPS, READY, stepFlow, type FlowAction, type FlowEmit, type FlowState } from './step-flow.js';
import { CARD_STEPS } from './card-steps.js';
import { EMPTY_REQUEST, type Phase } from './phase.js';
import { fi } from '../translations/fi.js';
import { formatterFor } from '../format.js';
import type { ViewContext } from '../views/view-context.js';
import type { CardView, Reason, ServiceError } from '../services/types.js';
import type { KaikuUsageDetail } from '../events.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';

const v: ViewContext = {
  t: fi,
  fmt: formatterFor('fi'),
  text: (m) => m.fi,
  late: () => undefined,
  id: (c) => c,
};
const card: CardView = {
  id: 'A045198723',
  kind: 'client',
  status: 'active',
  validUntil: '2030-05-31',
  minors: 2,
  fromCache: false,
};
const community: CardView = { ...card, id: 'Y110029399', kind: 'community', minors: 0 };
const request = { ...EMPTY_REQUEST, children: 2 };
const inactive: Reason = {
  code: 'card-inactive',
  message: { fi: 'ei voimassa', sv: 'ogiltigt', en: 'inactive' },
};
const used: Reason = { code: 'already-used', message: { fi: 'jo käytetty', sv: 'redan använt', en: 'used' } };
const down: ServiceError = {
  code: 'network',
  message: { fi: 'ei yhteyttä', sv: 'ingen förbindelse', en: 'down' },
};
const unknown: ServiceError = {
  code: 'card-not-found',
  message: { fi: 'ei löydy', sv: 'finns inte', en: 'none' },
};
const detail: KaikuUsageDetail = {
  cardId: card.id,
  adults: 1,
  children: 2,
  groupCardIds: [],
  under16: 0,
  showId: 's1',
  mode: 'booking',
};

const at = (phase: Phase, more: Partial<FlowState> = {}): FlowState => ({ ...READY, phase, ...more });
const onCard = at({ name: 'card', card, request, blocking: [] });
const onGroup = at({ name: 'card', card: community, request: EMPTY_REQUEST, blocking: [] });
const registering = at({ name: 'registering', card, request });
const queued = at({ name: 'done', outcome: 'queued', cardId: card.id, request, recordId: 'r1' });
const registered = at({ name: 'done', outcome: 'registered', cardId: card.id, request, usageId: 'u1' });

/** What a row expects: the phase (name, and outcome of a result), focus, the lines in Finnish, the emits in short. */
type Row = {
  readonly from: FlowState;
  readonly action: FlowAction;
  readonly phase: string;
  readonly focus: boolean;
  readonly polite?: string;
  readonly alert?: string;
  /** Each emit as `type` (`kaiku-error:code`, `cue:outcome`, `shift:state`). */
  readonly emit: readonly string[];
};

const short = (e: FlowEmit): string =>
  e.type === 'kaiku-error'
    ? `kaiku-error:${e.detail.code}`
    : e.type === 'cue'
      ? `cue:${e.outcome}`
      : e.type === 'shift'
        ? `shift:${e.entry.state}`
        : e.type;

const ROWS: Record<string, Row> = {
  'reset from a card': { from: onCard, action: { type: 'reset' }, phase: 'ready', focus: true, emit: [] },
  'no show set': {
    from: READY,
    action: { type: 'no-show', cardId: card.id },
    phase: 'ready',
    focus: true,
    alert: fi.noShow,
    emit: ['kaiku-error:no-show'],
  },
  'a reading is told': {
    from: READY,
    action: { type: 'scan', detail: { cardId: card.id, source: 'wedge', groupMember: false } },
    phase: 'ready',
    focus: false,
    emit: ['kaiku-scan'],
  },
  'a look-up starts': {
    from: READY,
    action: { type: 'look-up', cardId: card.id },
    phase: 'looking-up',
    focus: true,
    polite: fi.lookingUp(card.id),
    emit: [],
  },
  'an allowed card': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'card', card, request, blocking: [] },
    phase: 'card',
    focus: true,
    polite: 'Kortti A045198723: Aktiivinen',
    alert: '',
    emit: ['kaiku-card'],
  },
  'a refused card: its reasons aloud, the shift and the cue': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'card', card, request, blocking: [inactive] },
    phase: 'card',
    focus: true,
    polite: '',
    alert: `${fi.refusedHeading}. ei voimassa`,
    emit: ['shift:refused', 'kaiku-card', 'cue:refused'],
  },
  'an already-used card has its own cue': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'card', card, request, blocking: [used] },
    phase: 'card',
    focus: true,
    alert: `${fi.refusedHeading}. jo käytetty`,
    emit: ['shift:refused', 'kaiku-card', 'cue:already-used'],
  },
  'a malformed show is a setup error too': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'card', card, request, blocking: [{ code: 'show-invalid', message: inactive.message }] },
    phase: 'card',
    focus: true,
    emit: ['shift:refused', 'kaiku-error:show-invalid', 'kaiku-card', 'cue:refused'],
  },
  'a recheck that allows the card keeps focus': {
    from: onCard,
    action: { type: 'card', card, request, blocking: [], recheck: true },
    phase: 'card',
    focus: false,
    polite: 'Kortti A045198723: Aktiivinen',
    emit: ['kaiku-card'],
  },
  'tickets changed': {
    from: onCard,
    action: { type: 'request', request: EMPTY_REQUEST },
    phase: 'card',
    focus: false,
    emit: [],
  },
  'a member is looked up': {
    from: onGroup,
    action: { type: 'member-looking', cardId: card.id },
    phase: 'card',
    focus: false,
    polite: fi.lookingUp(card.id),
    emit: [],
  },
  'a member joins': {
    from: onGroup,
    action: { type: 'member', cardId: card.id },
    phase: 'card',
    focus: false,
    polite: `Ryhmä: ${card.id}`,
    emit: [],
  },
  'a reading waits; the one it replaces is said and told': {
    from: registering,
    action: { type: 'waiting', cardId: 'A999005458', lost: 'Y110029399' },
    phase: 'registering',
    focus: false,
    polite: fi.nextWaiting('5458'),
    emit: ['kaiku-error:reading-replaced'],
  },
  'the card on screen read again': {
    from: onCard,
    action: { type: 'read-again', cardId: card.id },
    phase: 'card',
    focus: false,
    polite: fi.alreadyRead(card.id),
    emit: [],
  },
  'a malformed reading on a result goes back to ready': {
    from: registered,
    action: { type: 'refused', reason: inactive, where: 'manual', stage: 'input' },
    phase: 'ready',
    focus: true,
    polite: '',
    alert: 'ei voimassa',
    emit: ['cue:refused', 'kaiku-error:card-inactive'],
  },
  'a member typed twice is refused under the form, not told': {
    from: onGroup,
    action: { type: 'refused', reason: inactive, where: 'group' },
    phase: 'card',
    focus: false,
    alert: 'ei voimassa',
    emit: ['cue:refused'],
  },
  'the rules refuse the tickets asked': {
    from: onCard,
    action: { type: 'not-allowed', reasons: [inactive] },
    phase: 'card',
    focus: false,
    alert: 'ei voimassa',
    emit: [],
  },
  'the host vetoes the registration': {
    from: onCard,
    action: { type: 'vetoed' },
    phase: 'card',
    focus: false,
    emit: [],
  },
  'registering starts': {
    from: onCard,
    action: { type: 'registering', card, request },
    phase: 'registering',
    focus: true,
    polite: fi.registering,
    emit: [],
  },
  "registering after a host's listener reset the screen: the write is shown": {
    from: READY,
    action: { type: 'registering', card, request },
    phase: 'registering',
    focus: true,
    polite: fi.registering,
    emit: [],
  },
  'the registry refuses the usage': {
    from: registering,
    action: { type: 'register-refused', card, request, reasons: [used] },
    phase: 'card',
    focus: true,
    alert: 'jo käytetty',
    emit: ['shift:refused', 'kaiku-error:already-used', 'cue:already-used'],
  },
  'registered in Kaikukanta': {
    from: registering,
    action: { type: 'registered', card, request, detail, usageId: 'u1', recorded: false },
    phase: 'done:registered',
    focus: true,
    polite: 'Kirjattu Kaikukantaan. Aikuisia 1, lapsia 2.',
    emit: ['shift:registered', 'kaiku-usage-registered', 'cue:registered'],
  },
  'recorded on this terminal only, never said as in Kaikukanta': {
    from: registering,
    action: { type: 'registered', card, request, detail, usageId: 'u1', recorded: true },
    phase: 'done:recorded',
    focus: true,
    polite: `${REGISTER_TEXTS.recorded.fi}. Aikuisia 1, lapsia 2.`,
    emit: ['shift:registered', 'kaiku-usage-registered', 'cue:registered'],
  },
  'the answer of a write comes after a reset: shown, not lost': {
    from: READY,
    action: { type: 'registered', card, request, detail, usageId: 'u1', recorded: false },
    phase: 'done:registered',
    focus: true,
    emit: ['shift:registered', 'kaiku-usage-registered', 'cue:registered'],
  },
  'queued offline': {
    from: registering,
    action: {
      type: 'queued',
      card,
      request,
      detail: { ...detail, pending: 1, reason: 'offline', recordId: 'r1' },
    },
    phase: 'done:queued',
    focus: true,
    polite: `${fi.queuedHeading}. ${fi.queuedDetail}`,
    emit: ['shift:queued', 'kaiku-usage-queued', 'cue:registered'],
  },
  'a look-up fails': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'failed', error: down, stage: 'lookup', retryCardId: card.id, cardId: card.id },
    phase: 'error',
    focus: true,
    alert: `${fi.errorHeading}. ei yhteyttä`,
    emit: ['kaiku-error:network', 'cue:attention'],
  },
  'an unregistered card is a refusal': {
    from: at({ name: 'looking-up', cardId: card.id }),
    action: { type: 'not-registered', error: unknown, cardId: card.id },
    phase: 'error',
    focus: true,
    alert: `${fi.refusedHeading}. ei löydy`,
    emit: ['shift:refused', 'kaiku-error:card-not-found', 'cue:refused'],
  },
  'a queued usage on screen is sent': {
    from: queued,
    action: { type: 'queue', pendingIds: [], refused: [] },
    phase: 'done:registered',
    focus: false,
    polite: fi.registeredHeading,
    emit: ['shift:registered', 'cue:registered'],
  },
  'a queued usage on screen is refused when sent': {
    from: queued,
    action: { type: 'queue', pendingIds: [], refused: [{ id: 'r1', reason: used }] },
    phase: 'done:refused-later',
    focus: false,
    alert: `${fi.refusedLaterHeading}. jo käytetty`,
    emit: ['cue:attention'],
  },
  'a queued usage still waiting stays': {
    from: queued,
    action: { type: 'queue', pendingIds: ['r1'], refused: [{ id: 'r1', reason: used }] },
    phase: 'done:queued',
    focus: false,
    emit: [],
  },
  "the outbox's news: failures, a sign-in refused, the sync": {
    from: READY,
    action: {
      type: 'outbox',
      errors: [{ code: 'auth-rejected', stage: 'sync' }],
      sync: { pending: 1, needsAttention: 0, connection: 'signed-out', storage: 'ok', lost: 0, conflicts: 0 },
      signInFailed: true,
    },
    phase: 'ready',
    focus: false,
    alert: fi.signInFailed,
    emit: ['kaiku-error:auth-rejected', 'kaiku-sync'],
  },
  'an undo starts': {
    from: registered,
    action: { type: 'undoing' },
    phase: 'done:registered',
    focus: false,
    polite: 'Perutaan…',
    emit: [],
  },
  'the result on screen undone': {
    from: registered,
    action: { type: 'voided', detail: { usageId: 'u1', cardId: card.id, outcome: 'voided' }, onScreen: true },
    phase: 'done:voided',
    focus: true,
    polite: 'Käyttö peruttu. Aikuisia 1, lapsia 2.',
    emit: ['shift:voided', 'kaiku-usage-voided', 'cue:registered'],
  },
  'another usage undone (the shift list): the screen stays': {
    from: registered,
    action: { type: 'voided', detail: { usageId: 'u0', cardId: '', outcome: 'voided' }, onScreen: false },
    phase: 'done:registered',
    focus: false,
    emit: ['shift:voided', 'kaiku-usage-voided'],
  },
  'an undo fails: the result stands': {
    from: registered,
    action: { type: 'undo-failed', error: down, cardId: card.id },
    phase: 'done:registered',
    focus: true,
    alert: 'Käyttöä ei peruttu. ei yhteyttä',
    emit: ['cue:registered', 'kaiku-error:network'],
  },
  'the camera fails': {
    from: READY,
    action: { type: 'camera-failed', error: down },
    phase: 'ready',
    focus: false,
    alert: 'ei yhteyttä',
    emit: ['kaiku-error:network'],
  },
  'the camera is tried again': {
    from: at({ name: 'ready' }, { cameraError: down }),
    action: { type: 'camera-retried' },
    phase: 'ready',
    focus: false,
    emit: [],
  },
  'an error for the host only': {
    from: onCard,
    action: { type: 'error', detail: { code: 'element-load-failed', stage: 'config' } },
    phase: 'card',
    focus: false,
    emit: ['kaiku-error:element-load-failed'],
  },
};

const phaseOf = (p: Phase): string => (p.name === 'done' ? `done:${p.outcome}` : p.name);

describe('stepFlow', () => {
  it.each(Object.entries(ROWS))('%s', (_name, row) => {
    const step = stepFlow(row.from, row.action, CARD_STEPS);
    expect(phaseOf(step.state.phase)).toBe(row.phase);
    expect(step.focus).toBe(row.focus);
    if (row.polite !== undefined) expect(step.state.polite(v)).toBe(row.polite);
    if (row.alert !== undefined) expect(step.state.alert(v)).toBe(row.alert);
    expect(step.emit.map(short)).toEqual(row.emit);
  });

  it('has a row for every action', () => {
    const covered = [...new Set(Object.values(ROWS).map((r) => r.action.type))].sort();
    expect(covered).toEqual([...Object.keys(FIRST_STEPS), ...Object.keys(CARD_STEPS)].sort());
    // The first paint's steps need no card steps (a look-up may fail before the card actions are in).
    for (const r of Object.values(ROWS))
      if (r.action.type in FIRST_STEPS) expect(() => stepFlow(r.from, r.action)).not.toThrow();
  });

  it('throws for a card step before the card steps are in (never a silent no-op)', () => {
    expect(() => stepFlow(onCard, { type: 'registering', card, request })).toThrow(/no step for registering/);
  });

  it('keeps a refusal under the typed field on ready, and drops it with the next phase', () => {
    const refused = stepFlow(READY, { type: 'refused', reason: inactive, where: 'manual' }).state;
    expect(refused.manualError).toBe(inactive);
    expect(stepFlow(refused, { type: 'look-up', cardId: card.id }).state.manualError).toBeUndefined();
  });

  it('clears the group form refusal when a member joins, keeps the camera failure on other steps', () => {
    const refused = stepFlow(
      onGroup,
      { type: 'refused', reason: inactive, where: 'group' },
      CARD_STEPS,
    ).state;
    expect(refused.groupError).toBe(inactive);
    const joined = stepFlow(refused, { type: 'member', cardId: card.id }, CARD_STEPS).state;
    expect(joined.groupError).toBeUndefined();
    expect(joined.phase.name === 'card' && joined.phase.request.groupCardIds).toEqual([card.id]);
    // A new phase (another card, back to ready) leaves the form's refusal behind.
    expect(stepFlow(refused, { type: 'reset' }).state.groupError).toBeUndefined();
    const camera = stepFlow(READY, { type: 'camera-failed', error: down }).state;
    expect(stepFlow(camera, { type: 'look-up', cardId: card.id }).state.cameraError).toBe(camera.cameraError);
  });

  it('tells the shift what the flow knew: the usage, its tickets and its ID', () => {
    const step = stepFlow(
      registering,
      { type: 'registered', card, request, detail, usageId: 'u1', recorded: false },
      CARD_STEPS,
    );
    expect(step.emit[0]).toEqual({
      type: 'shift',
      entry: { state: 'registered', cardId: card.id, request, id: 'u1' },
    });
  });
});
