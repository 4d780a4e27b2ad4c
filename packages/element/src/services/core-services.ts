import { createApiClient, parseCardId, readProblemReasons, toApiShow } from '@kaiku-scanner/core';
import { createOutbox } from '@kaiku-scanner/core/outbox';
import type { OutboxRecord, ShowKind, UsageRequest } from '@kaiku-scanner/core';
import type {
  AttentionItem,
  CapState,
  CoreServicesOptions,
  LocalizedText,
  Reason,
  LookupOutcome,
  OutboxState,
  RegisterOutcome,
  ScannerServices,
  ShowContext,
  UsageInput,
} from './types.js';
import { decideWithCore } from './decide-with-core.js';
import { elementError, elementText, loadLateTexts, textOf, toServiceError } from '../messages/index.js';
import { parseForElement } from './parse-card.js';

/**
 * The element's retention defaults, shorter than the core's 24 h: the element refreshes the show's tally from
 * the server after every usage, so synced usages are needed on the terminal only briefly (1 h), and a card
 * record only for offline decisions within a working day (8 h: a booking at noon, its collection at the
 * evening show).
 */
export const ELEMENT_RETENTION = { retentionMs: 60 * 60_000, cardCacheTtlMs: 8 * 60 * 60_000 } as const;

/** A code's text once the services' texts are in (they load with this module); a generic text for an unknown code. */
async function localize(code: string): Promise<LocalizedText> {
  await loadLateTexts();
  return textOf(code) ?? elementText('unexpected');
}

/**
 * Why Kaikukanta refused a queued usage, each reason with the values the server sent (its card's last valid day,
 * the cap…), checked against its message by the core (`readProblemReasons`): never a text with a hole in it.
 */
function refusalReasons(record: OutboxRecord): Reason[] {
  return readProblemReasons(record.problem ?? { code: 'refused' });
}

/** The reasons of one refusal as the one reason a needs-attention row shows (all texts, first code). */
function oneReason(reasons: readonly Reason[]): Reason {
  const join = (l: 'fi' | 'sv' | 'en'): string => reasons.map((r) => r.message[l]).join(' ');
  return { code: reasons[0]?.code ?? 'refused', message: { fi: join('fi'), sv: join('sv'), en: join('en') } };
}

/**
 * The default services: the core's API client for look-ups and tallies, the offline outbox for every usage (on
 * disk before the clerk is told anything, then sent at once), and the rules core for every decision. This module
 * is loaded with `import()` (see `create-core-services.ts`): it is most of the element's bytes and none of them is
 * needed to paint the element and start listening for a scanner.
 */
export function composeCoreServices(options: CoreServicesOptions): ScannerServices {
  void loadLateTexts().catch(() => undefined);
  // A base URL the client refuses (plain http to another machine, or malformed) leaves the element unconfigured:
  // every look-up and registration then fails with the client's code, in the clerk's language.
  let configError: unknown;
  let client: ReturnType<typeof createApiClient> | undefined;
  try {
    client = createApiClient({
      baseUrl: options.baseUrl || 'http://localhost/',
      getToken: options.getToken,
      ...(options.allowInsecureHttp ? { allowInsecureHttp: true } : {}),
    });
  } catch (e) {
    configError = e;
  }
  const configured = options.baseUrl !== '' && client !== undefined;
  const outbox = configured
    ? createOutbox({
        client: client!,
        // Bound to this API and venue: its usages, card records and tallies are never another target's.
        target: { baseUrl: options.baseUrl, ...(options.venueId ? { venueId: options.venueId } : {}) },
        retentionMs: options.retentionMs ?? ELEMENT_RETENTION.retentionMs,
        cardCacheTtlMs: options.cardCacheTtlMs ?? ELEMENT_RETENTION.cardCacheTtlMs,
        ...(options.offlinePolicy ? { offlinePolicy: options.offlinePolicy } : {}),
        ...(options.databaseName ? { databaseName: options.databaseName } : {}),
      })
    : undefined;
  const listeners = new Set<(s: OutboxState) => void>();
  /** Per card on screen: whether its last look-up was decided without the server (memory only). */
  const provisional = new Map<string, boolean>();
  /** The last sync's auth failure (`http-401`/`http-403`): the terminal's sign-in, not the network. */
  let authFailure: string | undefined;
  const AUTH = new Set(['http-401', 'http-403']);

  const readState = async (): Promise<OutboxState> => {
    if (!outbox) return { pending: 0, needsAttention: [] };
    const [pending, attention] = await Promise.all([outbox.pending(), outbox.needsAttention()]);
    const needsAttention: AttentionItem[] = attention.map((r) => ({
      id: r.id,
      cardId: r.usage.cardId,
      showName: r.usage.show.name,
      reason: oneReason(refusalReasons(r)),
    }));
    return {
      pending: pending.length,
      pendingIds: pending.map((r) => r.id),
      needsAttention,
      ...(authFailure ? { authFailure } : {}),
    };
  };
  const notify = (): void => {
    void readState().then(
      (s) => listeners.forEach((l) => l(s)),
      () => undefined,
    );
  };
  outbox?.addEventListener('outbox-change', notify);
  outbox?.addEventListener('outbox-needs-attention', notify);
  // A sync that stops on 401/403 is a sign-in problem, shown as such; the next run that gets through clears it.
  outbox?.addEventListener('outbox-sync', (e) => {
    const { phase, failure } = e.detail;
    if (phase !== 'deferred' && phase !== 'finished') return;
    const next = failure && AUTH.has(failure) ? failure : undefined;
    if (next === authFailure) return;
    authFailure = next;
    notify();
  });

  const toUsage = (u: UsageInput): UsageRequest => ({
    venueId: options.venueId,
    show: toApiShow({ ...u.show, kind: u.show.kind as ShowKind }),
    cardId: u.cardId,
    childTickets: u.request.children,
    ...(u.request.groupCardIds.length > 0 || u.request.under16 > 0
      ? { group: { memberCardIds: [...u.request.groupCardIds], under16Clients: u.request.under16 } }
      : {}),
    channel: options.channel,
    mode: u.mode,
    clientTime: new Date().toISOString(),
  });

  const notConfigured = (): never => {
    if (options.baseUrl !== '' && configError !== undefined) throw configError;
    throw elementError('element-not-configured', 'base-url is not set');
  };

  return {
    parseCardId: parseForElement,

    async lookupCard(cardId, signal): Promise<LookupOutcome> {
      if (!outbox) notConfigured();
      try {
        const check = await outbox!.checkCard(cardId, signal ? { signal } : {});
        // Decided without Kaikukanta (cache or format alone): the usage is recorded as provisional.
        provisional.set(cardId, check.ok && check.provisional);
        if (!check.ok)
          return {
            ok: false,
            notFound: false,
            error: { code: check.code, message: await localize(check.code) },
          };
        const kind = parseCardId(cardId);
        const card = check.card;
        return {
          ok: true,
          card: {
            id: cardId,
            kind: kind.ok && kind.kind === 'community' ? 'community' : 'client',
            status: card?.status ?? 'unverified',
            validUntil: card?.validUntil ?? '',
            minors: card?.minors ?? 0,
            fromCache: check.source !== 'server',
          },
        };
      } catch (e) {
        await loadLateTexts().catch(() => undefined);
        const error = toServiceError(e);
        return { ok: false, error, notFound: error.code === 'card-not-registered' };
      }
    },

    decide: decideWithCore,

    async register(u): Promise<RegisterOutcome> {
      if (!outbox) notConfigured();
      const acceptance = provisional.get(u.cardId) === false ? 'online' : 'provisional';
      const record = await outbox!.enqueue(toUsage(u), { acceptance });
      await outbox!.syncNow().catch(() => undefined);
      const [pending, attention] = await Promise.all([outbox!.pending(), outbox!.needsAttention()]);
      const refused = attention.find((r) => r.id === record.id);
      if (refused) {
        // Refused while the clerk looks on: the screen says why, and that settles it. "Needs attention" (and its
        // usage report) is for usages queued offline and refused later, which no one has seen refused.
        await outbox!.resolve(record.id, 'dismissed').catch(() => undefined);
        notify();
        return { kind: 'refused', reasons: refusalReasons(refused) };
      }
      if (pending.some((r) => r.id === record.id)) {
        return { kind: 'queued', reason: 'network', pending: pending.length, recordId: record.id };
      }
      const cap = await this.capState(u.show).catch(() => undefined);
      return { kind: 'registered', usageId: record.id, ...(cap ? { cap } : {}) };
    },

    async capState(show: ShowContext): Promise<CapState | undefined> {
      if (!outbox) return show.cap === undefined ? undefined : { cap: show.cap, given: 0, unknown: true };
      const tally = await outbox.showTally(show.id, { refresh: true });
      const cap = show.cap ?? tally.cap ?? null;
      return { cap, given: tally.ticketsGiven, ...(tally.server ? {} : { unknown: true }) };
    },

    outboxState: readState,

    onOutboxChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async syncNow() {
      if (!outbox) return;
      await outbox.syncNow();
      notify();
    },

    async resolveAttention(id) {
      if (!outbox) return;
      await outbox.resolve(id, 'dismissed');
      notify();
    },

    async exportCsv() {
      return outbox ? outbox.exportCsv() : '';
    },

    message(code, locale, params = {}) {
      return textOf(code, params)?.[locale];
    },

    dispose() {
      listeners.clear();
      outbox?.stop();
    },
  };
}
