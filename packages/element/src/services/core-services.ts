import {
  ApiProblemError,
  createApiClient,
  createHttpTransport,
  decideUsage,
  parseCardId,
  readProblemReasons,
  toApiShow,
  toUsageEvent,
} from '@kaiku-scanner/core';
import { createOutbox } from '@kaiku-scanner/core/outbox';
import type { OutboxRecord } from '@kaiku-scanner/core';
import type { CardStatus, ShowKind, UsageRequest } from '@kaiku-scanner/core/contract';
import type {
  AttentionItem,
  CapState,
  Connection,
  CoreServicesOptions,
  DecideInput,
  Decision,
  Reason,
  LookupOutcome,
  OutboxState,
  RegisterOutcome,
  ShowContext,
  UsageInput,
} from './types.js';
import {
  elementError,
  elementText,
  loadLateTexts,
  render,
  textOf,
  toServiceError,
} from '../messages/index.js';
import { serviceMessages } from '../messages/late-texts.js';
import { SIGN_IN_CODES, watchConnection } from './watch-connection.js';
import type { ComposedServices } from './create-core-services.js';
import { acknowledgeLoss, checkStorage, rememberPending } from './storage-health.js';

/**
 * The element's retention defaults, shorter than the core's 24 h: the element refreshes the show's tally from
 * the server after every usage, so synced usages are needed on the terminal only briefly (1 h), and a card
 * record only for offline decisions within a working day (8 h: a booking at noon, its collection at the
 * evening show).
 */
export const ELEMENT_RETENTION = { retentionMs: 60 * 60_000, cardCacheTtlMs: 8 * 60 * 60_000 } as const;
/** How often Kaikukanta is asked again while it does not answer. */
const PROBE_MS = 15_000;

/**
 * Why Kaikukanta refused a queued usage, each reason with the values the server sent (its card's last valid day,
 * the cap…), checked against its message by the core (`readProblemReasons`): never a text with a hole in it.
 */
function refusalReasons(record: OutboxRecord): Reason[] {
  const code = record.problem?.code ?? 'refused';
  // The outbox's own code (a record changed outside it) is not one of Kaikukanta's refusals.
  const own = code === 'record-tampered' ? textOf(code) : undefined;
  return own ? [{ code, message: own }] : readProblemReasons(record.problem ?? { code });
}

/**
 * The group members Kaikukanta refused (their cards, not the visit), when nothing else was refused and someone
 * would be left with the holder: then the rest of the group can be registered without them.
 */
function refusedMembers({ usage, problem }: OutboxRecord): string[] | undefined {
  const members = usage.group?.memberCardIds ?? [];
  const reasons = problem?.reasons ?? [];
  const refused = new Set(reasons.map((r) => members[Number(r.params?.['position']) - 1]));
  const left = members.length - refused.size + (usage.group?.under16Clients ?? 0);
  const onlyMembers = reasons.every((r) => r.code.startsWith('group-member-')) && !refused.has(undefined);
  return reasons.length > 0 && onlyMembers && left > 0
    ? [...refused].filter((id) => id !== undefined)
    : undefined;
}

/** The reasons of one refusal as the one reason a needs-attention row shows (all texts, first code). */
function oneReason(reasons: readonly Reason[]): Reason {
  const join = (l: 'fi' | 'sv' | 'en'): string => reasons.map((r) => r.message[l]).join(' ');
  return { code: reasons[0]?.code ?? 'refused', message: { fi: join('fi'), sv: join('sv'), en: join('en') } };
}

/** The show the host configured cannot be used (a property or attribute is malformed): a setup error. */
const showInvalid = (fields: readonly string[]): Reason => ({
  code: 'show-invalid',
  message: render(serviceMessages['show-invalid'], { fields: fields.join(', ') }),
});

/** `alreadyCounted` for a collection decided on the terminal: as if the booking covered it (see below). */
const BOOKING_HELD_BY_SERVER = 1_000_000;

/**
 * Asks the rules core; the element never decides anything itself. A card accepted offline on its format alone
 * (no record, no cache) is decided as an active card without registered minors: children cannot be verified.
 */
function decideWithCore(input: DecideInput): Decision {
  const { card, show, request, cap, mode, now, earlier } = input;
  const unverified = card.status === 'unverified';
  const result = decideUsage({
    card: {
      id: card.id,
      status: (unverified ? 'active' : card.status) as CardStatus,
      validUntil: unverified ? show.start.slice(0, 10) : card.validUntil,
      minors: card.minors,
    },
    event: toUsageEvent(
      { ...show, kind: show.kind as ShowKind },
      {
        ticketsGiven: cap?.given ?? 0,
        ...(cap ? { cap: cap.cap } : {}),
      },
    ),
    request: {
      mode,
      childTickets: request.children,
      ...(card.kind === 'community' || request.groupCardIds.length > 0 || request.under16 > 0
        ? { group: { memberCardIds: [...request.groupCardIds], under16Clients: request.under16 } }
        : {}),
      // The terminal does not know the card's booking: for a collection the cap is the server's to apply (it holds
      // the bookings, hands out what was booked and counts or refuses anything beyond it); the rest is checked here.
      ...(mode === 'collection' ? { alreadyCounted: BOOKING_HELD_BY_SERVER } : {}),
    },
    now,
    earlierUsages: earlier,
  });
  if (result.ok)
    return { ok: true, total: result.tickets.total, countedAgainstCap: result.countedAgainstCap };
  // Malformed show settings come back as `invalid-input` at `event.…` paths: one setup error naming the fields,
  // instead of a validator's wording in front of the clerk.
  const showFields = new Set<string>();
  const rest: Reason[] = [];
  for (const r of result.reasons) {
    const path = r.code === 'invalid-input' ? String(r.params.path) : '';
    if (path.startsWith('event.')) showFields.add(path.slice('event.'.length));
    else rest.push({ code: r.code, message: r.message });
  }
  return {
    ok: false,
    reasons: [...(showFields.size > 0 ? [showInvalid([...showFields])] : []), ...rest],
  };
}

/**
 * The default services: the core's API client for look-ups and tallies, the offline outbox for every usage (on
 * disk before the clerk is told anything, then sent at once), and the rules core for every decision. This module
 * is loaded with `import()` (see `create-core-services.ts`): it is most of the element's bytes and none of them is
 * needed to paint the element and start listening for a scanner.
 */
export function composeCoreServices(
  options: CoreServicesOptions,
  /** Called with the new state whenever the outbox changes (the wrapper fans it out to `onOutboxChange`). */
  changed: (state: OutboxState) => void,
): ComposedServices {
  void loadLateTexts().catch(() => undefined);
  // A base URL the client refuses (plain http to another machine, or malformed) leaves the element unconfigured:
  // every look-up and registration then fails with the client's code, in the clerk's language.
  let configError: unknown;
  let client: ReturnType<typeof createApiClient> | undefined;
  /** What Kaikukanta last answered (every request tells: `watchConnection`), and the sign-in code it refused. */
  let connection: Connection = 'unknown';
  let authFailure: string | undefined;
  const heard = (next: Connection, code?: string): void => {
    if (next === 'unknown' && connection !== 'unreachable') return; // the health check says nothing of the sign-in
    const failure = next === 'signed-out' ? code : undefined;
    if (next === connection && failure === authFailure) return;
    [connection, authFailure] = [next, failure];
    // Not answering: asked again every 15 s, so the row turns back by itself when Kaikukanta returns.
    clearTimeout(probeTimer);
    if (next === 'unreachable') probeTimer = setTimeout(probe, PROBE_MS);
    notify();
  };
  let probeTimer: ReturnType<typeof setTimeout> | undefined;
  /** The show of the last tally asked for: its tally is the signed-in request that checks the connection. */
  let lastShow: string | undefined;
  const probe = (): void => {
    if (outbox && lastShow) void outbox.showTally(lastShow, { refresh: true }).catch(() => undefined);
    else if (outbox) void client!.health().catch(() => undefined);
  };
  try {
    const baseUrl = options.baseUrl || 'http://localhost/';
    const insecure = options.allowInsecureHttp ? { allowInsecureHttp: true } : {};
    client = createApiClient({
      baseUrl,
      getToken: options.getToken,
      transport: watchConnection(createHttpTransport({ baseUrl, ...insecure }), heard),
      ...insecure,
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
  /** Per card on screen: whether its last look-up was decided without the server (memory only). */
  const provisional = new Map<string, boolean>();
  /** Whether this device can keep usages, checked once at start (before the state is first read). */
  const storage = outbox ? checkStorage(outbox.databaseName) : undefined;
  let lossSeen = false;
  const storageDown = async (): Promise<boolean> =>
    ['unavailable', 'unwritable'].includes((await storage)?.health ?? 'ok');

  /** The usages waiting in the outbox, as last read (`decide` is synchronous). */
  let queued: readonly UsageRequest[] = [];
  const readState = async (): Promise<OutboxState> => {
    const said = { connection, ...(authFailure ? { authFailure } : {}) };
    if (!outbox || !storage) return { pending: 0, needsAttention: [], ...said };
    const { health, lost } = await storage;
    const kept = { ...said, storage: health, ...(lost > 0 && !lossSeen ? { lost } : {}) };
    const [pending, attention] = (await storageDown())
      ? [[], []] // nothing can wait on this device
      : await Promise.all([outbox.pending(), outbox.needsAttention()]);
    if (health !== 'unavailable' && health !== 'unwritable')
      rememberPending(outbox.databaseName, pending.length);
    queued = pending.map((r) => r.usage);
    const needsAttention: AttentionItem[] = attention.map((r) => ({
      id: r.id,
      cardId: r.usage.cardId,
      showName: r.usage.show.name,
      reason: oneReason(refusalReasons(r)),
      ...(refusedMembers(r) ? { refusedMembers: refusedMembers(r) } : {}),
    }));
    return { pending: pending.length, pendingIds: pending.map((r) => r.id), needsAttention, ...kept };
  };
  const notify = (): void => {
    void readState().then(changed, () => undefined);
  };
  outbox?.addEventListener('outbox-change', notify);
  outbox?.addEventListener('outbox-needs-attention', notify);
  // A sync that stops on a failing token provider sends no request: its code says it.
  outbox?.addEventListener('outbox-sync', (e) => {
    const { failure } = e.detail;
    if (failure && SIGN_IN_CODES.has(failure)) heard('signed-out', failure);
  });
  // At start: is Kaikukanta there at all (the show's first tally, or a look-up, tells the sign-in).
  probe();

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
    ...(options.terminalName ? { terminal: options.terminalName } : {}),
  });

  /**
   * Without storage there is no outbox: the usage goes straight to Kaikukanta under one idempotency key (the client
   * retries it), registered or refused while the clerk looks on; without an answer it is not registered (an error).
   */
  const registerOnline = async (u: UsageInput): Promise<RegisterOutcome> => {
    try {
      const key = globalThis.crypto.randomUUID();
      const usage = await client!.registerUsage(toUsage(u), { idempotencyKey: key });
      online.add(usage.usageId);
      return { kind: 'registered', usageId: usage.usageId };
    } catch (e) {
      if (e instanceof ApiProblemError) return { kind: 'refused', reasons: readProblemReasons(e.problem) };
      throw e;
    }
  };

  /** Usages registered without the outbox (no storage): undone by the client, not through an outbox record. */
  const online = new Set<string>();

  const notConfigured = (): never => {
    if (options.baseUrl !== '' && configError !== undefined) throw configError;
    throw elementError('element-not-configured', 'base-url is not set');
  };

  return {
    async lookupCard(cardId, signal): Promise<LookupOutcome> {
      if (!outbox) notConfigured();
      try {
        const check = await outbox!.checkCard(cardId, signal ? { signal } : {});
        // Decided without Kaikukanta (cache or format alone): the usage is recorded as provisional.
        provisional.set(cardId, check.ok && check.provisional);
        if (!check.ok) {
          // Its text once the services' texts are in (they load with this module); a generic one for an unknown code.
          await loadLateTexts();
          const message = textOf(check.code) ?? elementText('unexpected');
          return { ok: false, notFound: false, error: { code: check.code, message } };
        }
        if (check.source !== 'server') heard('unreachable');
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
        if (SIGN_IN_CODES.has(error.code)) heard('signed-out', error.code);
        return { ok: false, error, notFound: error.code === 'card-not-registered' };
      }
    },

    // What this terminal knows of the card's usages for the show: the flow's (this session) and the outbox's.
    decide: (input) => {
      const mine = queued.filter((u) => u.cardId === input.card.id && u.show.id === input.show.id);
      const fromOutbox = mine.map((u) => ({
        mode: u.mode,
        at: u.clientTime,
        ...(u.terminal ? { terminal: u.terminal } : {}),
      }));
      return decideWithCore({ ...input, earlier: [...input.earlier, ...fromOutbox] });
    },

    async register(u): Promise<RegisterOutcome> {
      if (!outbox) notConfigured();
      if (await storageDown()) return registerOnline(u);
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
      lastShow = show.id;
      const tally = await outbox.showTally(show.id, { refresh: true });
      const cap = show.cap ?? tally.cap ?? null;
      return { cap, given: tally.ticketsGiven, ...(tally.server ? {} : { unknown: true }) };
    },

    outboxState: readState,

    async syncNow() {
      if (!outbox) return;
      await outbox.syncNow();
      notify();
    },

    async registerRest(id) {
      const record = (await outbox?.needsAttention())?.find((r) => r.id === id);
      const refused = record && refusedMembers(record);
      if (!outbox || !record?.usage.group || !refused) return;
      // The visit as it happened (its time, its show), without the members Kaikukanta refused.
      const memberCardIds = record.usage.group.memberCardIds.filter((m) => !refused.includes(m));
      const usage = { ...record.usage, group: { ...record.usage.group, memberCardIds } };
      await outbox.enqueue(usage, { acceptance: record.acceptance });
      await outbox.resolve(id, 'dismissed');
      await outbox.syncNow().catch(() => undefined);
      notify();
    },

    async voidUsage(id) {
      if (!outbox) notConfigured();
      if (online.has(id)) return (await client!.voidUsage(id), 'voided');
      const done = await outbox!.voidUsage(id);
      notify();
      return done.kind;
    },

    async resolveAttention(id) {
      if (!outbox) return;
      await outbox.resolve(id, 'dismissed');
      notify();
    },

    async exportCsv() {
      return outbox ? outbox.exportCsv() : '';
    },

    async acknowledgeLoss() {
      if (outbox) acknowledgeLoss(outbox.databaseName);
      lossSeen = true;
      notify();
    },

    dispose() {
      clearTimeout(probeTimer);
      outbox?.stop();
    },
  };
}
