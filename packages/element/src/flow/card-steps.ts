// The steps of a card on screen (`stepFlow`'s), loaded with the card actions: the card and its verdict, the tickets
// and the group, registering and its answer, a queued usage's news from the outbox, an undo.
import type { Phase } from './phase.js';
import { refusalOutcome } from '../views/verdict.js';
import type { Say, Steps } from './step-flow.js';
import { ticketSummary } from '../views/view-context.js';
import { REGISTER_TEXTS } from '../translations/register-texts.js';
import { CARD_TEXTS as C, fill, statusName } from '../views/card-texts.js';

export const CARD_STEPS: Steps = {
  card: (d, { card, request, blocking, booked, recheck }) => {
    const polite: Say = (v) =>
      `${v.text(C.cardHeading)} ${v.id(card.id)}: ${v.text(statusName(card.status))}${booked ? `. ${v.text(fill(C.bookedBy, booked.by))}` : ''}`;
    const phase: Phase = { name: 'card', card, request, blocking };
    if (recheck && blocking.length === 0) d.say({ phase, polite, alert: d.silent });
    else if (blocking.length === 0) d.to(phase, polite);
    else {
      d.to(
        phase,
        d.silent,
        d.reasons(blocking, (v) => v.t.refusedHeading),
      );
      d.emit.push({ type: 'shift', entry: { state: 'refused', cardId: card.id } });
    }
    // A malformed show from the host is a setup error: say so to the host too, not only as a refusal.
    if (blocking.some((r) => r.code === 'show-invalid'))
      d.error({ code: 'show-invalid', stage: 'config', cardId: card.id });
    d.emit.push({
      type: 'kaiku-card',
      detail: {
        cardId: card.id,
        kind: card.kind,
        status: card.status,
        validUntil: card.validUntil,
        // Unverified (no record at all): the number of minors is not known, and nothing came from a cache.
        minors: card.status === 'unverified' || card.status === 'unchecked' ? null : card.minors,
        allowed: blocking.length === 0,
        reasons: blocking.map((r) => r.code),
        fromCache: card.fromCache && card.status !== 'unverified',
      },
    });
    if (blocking.length > 0) d.cue(refusalOutcome(blocking));
  },
  request: (d, { request }) => {
    const p = d.phase;
    if (p.name === 'card') d.say({ phase: { ...p, request } });
  },
  'member-looking': (d, { cardId }) => d.say({ polite: (v) => v.t.lookingUp(cardId) }),
  member: (d, { cardId }) => {
    const p = d.phase;
    if (p.name !== 'card') return;
    const groupCardIds = [...p.request.groupCardIds, cardId];
    d.say({
      groupError: undefined,
      phase: { ...p, request: { ...p.request, groupCardIds } },
      polite: (v) => `${v.text(C.groupHeading)}: ${cardId}`,
    });
  },
  'not-allowed': (d, { reasons }) => d.say({ alert: d.reasons(reasons) }),
  vetoed: (d) => d.say({ alert: (v) => v.text(C.vetoed) }),
  // Whatever is on screen (a host's `kaiku-before-register` listener may have reset it): the write is under way.
  registering: (d, { card, request }) => d.to({ name: 'registering', card, request }, (v) => v.t.registering),
  'register-refused': (d, { card, request, reasons }) => {
    d.to({ name: 'card', card, request, blocking: reasons }, d.silent, d.reasons(reasons));
    d.emit.push({ type: 'shift', entry: { state: 'refused', cardId: card.id } });
    d.error({ code: reasons[0]?.code ?? 'refused', stage: 'register', cardId: card.id });
    d.cue(refusalOutcome(reasons));
  },
  // Kept on this terminal only (registry="none"): its own result, never said as registered in Kaikukanta.
  registered: (d, { card, request, detail, usageId, recorded }) => {
    const heading: Say = (v) => (recorded ? v.text(REGISTER_TEXTS.recorded) : v.t.registeredHeading);
    const cardId = card.id;
    d.to(
      { name: 'done', outcome: recorded ? 'recorded' : 'registered', cardId, request, usageId },
      (v) => `${heading(v)}. ${ticketSummary(v, request)}`,
    );
    d.emit.push({ type: 'shift', entry: { state: 'registered', cardId, request, id: usageId } });
    d.emit.push({ type: 'kaiku-usage-registered', detail: { ...detail, usageId } });
    d.cue('registered');
  },
  queued: (d, { card, request, detail }) => {
    const { recordId } = detail;
    const cardId = card.id;
    const id = recordId ? { recordId } : {};
    d.to(
      { name: 'done', outcome: 'queued', cardId, request, ...id },
      (v) => `${v.t.queuedHeading}. ${v.t.queuedDetail}`,
    );
    d.emit.push({
      type: 'shift',
      entry: { state: 'queued', cardId, request, ...(recordId ? { id: recordId } : {}) },
    });
    d.emit.push({ type: 'kaiku-usage-queued', detail });
    d.cue('registered');
  },
  // A queued usage on screen since sent, or refused by Kaikukanta (a ticket to settle with the customer).
  queue: (d, { pendingIds, refused }) => {
    const p = d.phase;
    const id = p.name === 'done' && p.outcome === 'queued' ? p.recordId : undefined;
    if (p.name !== 'done' || !id || !pendingIds || pendingIds.includes(id)) return;
    const refusal = refused.find((i) => i.id === id);
    if (refusal) {
      d.say({
        phase: { ...p, outcome: 'refused-later', reason: refusal.reason },
        alert: (v) => `${v.t.refusedLaterHeading}. ${v.text(refusal.reason.message)}`,
      });
      d.cue('attention');
    } else {
      d.say({ phase: { ...p, outcome: 'registered' }, polite: (v) => v.t.registeredHeading });
      d.emit.push({
        type: 'shift',
        entry: { state: 'registered', cardId: p.cardId, request: p.request, id },
      });
      d.cue('registered');
    }
  },
  undoing: (d) => d.say({ polite: (v) => v.text(C.undoing) }),
  voided: (d, { detail, onScreen }) => {
    d.emit.push({ type: 'shift', entry: { state: 'voided', id: detail.usageId } });
    d.emit.push({ type: 'kaiku-usage-voided', detail });
    // Whoever undid it (the result's action, the shift list, the host), the result on screen of it says so.
    const p = d.phase;
    if (!onScreen || p.name !== 'done') return;
    const lines = [C.voided, ...(detail.outcome === 'void-queued' ? [C.voidQueued] : [])];
    // An undo that went through is a success, said as one.
    d.cue('registered');
    d.to({ ...p, outcome: 'voided' }, (v) =>
      [...lines.map((t) => v.text(t)), ticketSummary(v, p.request)].join('. '),
    );
  },
  'undo-failed': (d, { error, cardId }) => {
    const p = d.phase;
    if (p.name !== 'done') return;
    // The result stands: its banner and its sound stay a registration's.
    d.cue('registered');
    d.to({ ...p, undoError: error }, d.silent, (v) => `${v.text(C.undoFailed)}. ${v.text(error.message)}`);
    d.error({ code: error.code, stage: 'void', cardId });
  },
};
