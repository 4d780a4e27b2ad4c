// Scripted services for the element's browser unit tests: the flow, rendering and events without a server.
// (End-to-end tests use the real core services against the real sandbox.)
import type {
  CapState,
  CardView,
  DecideInput,
  Decision,
  OutboxState,
  Reason,
  ScannerServices,
  UsageInput,
} from 'kaiku-scanner';

const text = (s: string) => ({ fi: s, sv: s, en: s });
export const reason = (code: string): Reason => ({ code, message: text(`reason:${code}`) });

export type FakeOptions = {
  cards?: Record<string, Omit<CardView, 'id' | 'fromCache'>>;
  registerAs?: 'registered' | 'queued' | 'refused';
  cap?: CapState;
};

export type FakeServices = ScannerServices & {
  readonly registered: UsageInput[];
  setOutbox(state: OutboxState): void;
};

/**
 * Minimal rules for the fake: inactive refused, children ≤ minors, community needs a group, cap respected, one
 * booking per card and show.
 */
function fakeDecide({ card, request, cap, mode, earlier }: DecideInput): Decision {
  const reasons: Reason[] = [];
  if (earlier.length > 0 && mode === 'booking') reasons.push(reason('already-used'));
  if (card.status !== 'active') reasons.push(reason('card-inactive'));
  if (request.children > card.minors) reasons.push(reason('too-many-children'));
  if (card.kind === 'community' && request.groupCardIds.length + request.under16 === 0)
    reasons.push(reason('community-card-without-group'));
  const total = 1 + request.children + request.groupCardIds.length + request.under16;
  if (cap && cap.cap !== null && cap.given + total > cap.cap) reasons.push(reason('cap-exceeded'));
  const countedAgainstCap = cap && cap.cap !== null ? total : 0;
  return reasons.length ? { ok: false, reasons } : { ok: true, total, countedAgainstCap };
}

export function createFakeServices(options: FakeOptions = {}): FakeServices {
  const listeners = new Set<(s: OutboxState) => void>();
  let outbox: OutboxState = { pending: 0, needsAttention: [] };
  const registered: UsageInput[] = [];
  return {
    registered,
    setOutbox(state) {
      outbox = state;
      listeners.forEach((l) => l(state));
    },
    parseCardId(raw) {
      const id = raw.trim().toUpperCase();
      return /^(A|AM|Y|YM|X|Z)\d{9}$/.test(id)
        ? { ok: true, id }
        : { ok: false, reason: reason('bad-format') };
    },
    async lookupCard(cardId) {
      const c = options.cards?.[cardId];
      if (!c)
        return {
          ok: false,
          notFound: true,
          error: { code: 'card-not-registered', message: text('not registered') },
        };
      return { ok: true, card: { ...c, id: cardId, fromCache: false } };
    },
    decide: fakeDecide,
    async register(u) {
      registered.push(u);
      if (options.registerAs === 'queued')
        return { kind: 'queued', reason: 'network', pending: 1, recordId: `r-${registered.length}` };
      if (options.registerAs === 'refused') return { kind: 'refused', reasons: [reason('cap-reached')] };
      return { kind: 'registered', usageId: `u-${registered.length}` };
    },
    async capState() {
      return options.cap;
    },
    async outboxState() {
      return outbox;
    },
    onOutboxChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async syncNow() {},
    async resolveAttention(id) {
      outbox = { ...outbox, needsAttention: outbox.needsAttention.filter((i) => i.id !== id) };
      listeners.forEach((l) => l(outbox));
    },
    async exportCsv() {
      return 'card;adults;children\n';
    },
    dispose() {},
  };
}
