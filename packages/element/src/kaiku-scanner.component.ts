import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CalibrationResult } from '@kaiku-scanner/core';
import { styles } from './kaiku-scanner.styles.js';
import {
  resolveLocale,
  translationFor,
  whenTranslationReady,
  type Translation,
  type UiLocale,
} from './translations/index.js';
import { formatterFor, type Formatter } from './format.js';
import { EMPTY_REQUEST, type Phase } from './phase.js';
import type {
  CapState,
  CardView,
  Decision,
  LocalizedText,
  LookupOutcome,
  OutboxState,
  Reason,
  ScannerServices,
  ServiceError,
  ShowContext,
  TicketRequest,
} from './controllers/services.js';
import { ServicesController } from './controllers/services-controller.js';
import { GROUP_DUPLICATE } from './controllers/element-messages.js';
import { WedgeController, type WedgeSettings } from './controllers/wedge-controller.js';
import { CameraController } from './controllers/camera-controller.js';
import { probeMax } from './probe.js';
import type { ViewContext } from './views/view-context.js';
import { renderCapMeter } from './views/cap-meter.js';
import { renderSyncStatus } from './views/sync-status.js';
import { renderBusy, renderError, renderResult, ticketSummary } from './views/outcome.js';
import { renderReady } from './views/ready.js';
import { renderMode, renderShow } from './views/show-context.js';
import type { TicketHandlers, TicketModel } from './views/card-panel.js';
import { lazyModule } from './controllers/lazy-module.js';
import {
  KaikuBeforeRegisterEvent,
  KaikuCardEvent,
  KaikuErrorEvent,
  KaikuScanEvent,
  KaikuSyncEvent,
  KaikuUsageQueuedEvent,
  KaikuUsageRegisteredEvent,
  type KaikuErrorDetail,
  type KaikuUsageDetail,
  type ScanSource,
} from './events/index.js';

/** The card panel (facts, refusal, tickets, group) is needed only once a card has been looked up. */
const cardPanelViews = lazyModule(() => import('./views/card-panel.js'));
/** The needs-attention list shows only when the server has refused a queued usage. */
const attentionViews = lazyModule(() => import('./views/needs-attention.js'));

/** How long a render waits for Swedish or English strings before it paints in Finnish meanwhile. */
const STRINGS_WAIT_MS = 1500;

export type TokenProvider = () => string | Promise<string>;
export type UsageMode = 'booking' | 'collection';

/** Internal reactive state (kept out of the public property list and the custom-elements manifest). */
const STATE = {
  phase: { state: true },
  outbox: { state: true },
  cap: { state: true },
  online: { state: true },
  manualError: { state: true },
  groupError: { state: true },
  cameraError: { state: true },
  politeText: { state: true },
  alertText: { state: true },
  pageLang: { state: true },
} as const;

/**
 * `<kaiku-scanner>`: reads a Kaikukortti (wedge scanner, camera or typed ID), shows the card, lets the clerk pick
 * the tickets the rules allow, and registers the usage in Kaikukanta — or queues it offline.
 *
 * @summary The Kaikukortti box-office element.
 *
 * @event kaiku-scan - A card ID was read and passed the format check. `detail: { cardId, source, groupMember }`
 * @event kaiku-card - A card was looked up. `detail: { cardId, kind, status, validUntil, minors, allowed, reasons, fromCache }`
 * @event kaiku-before-register - Cancelable; fired before a usage is written. `detail: KaikuUsageDetail`
 * @event kaiku-usage-registered - Kaikukanta accepted the usage. `detail: KaikuUsageDetail & { usageId }`
 * @event kaiku-usage-queued - The usage is stored offline and will be sent later. `detail: KaikuUsageDetail & { pending, reason }`
 * @event kaiku-sync - The outbox changed. `detail: { pending, needsAttention }`
 * @event kaiku-error - Something failed. `detail: { code, stage, cardId? }`
 *
 * @csspart base - The outer box.
 * @csspart header - Title, show context, mode, cap meter and sync status.
 * @csspart show - The show context (name, start, kind or the chooser).
 * @csspart cap-meter - The cap meter (tickets given and left).
 * @csspart sync-status - Pending-sync count, offline badge and the send-now button.
 * @csspart stage - The area that changes with the flow.
 * @csspart manual-input - The card-ID text field.
 * @csspart camera-button - The button that opens and closes the camera.
 * @csspart viewfinder - The camera preview.
 * @csspart card-panel - The looked-up card.
 * @csspart refusal - The list of reasons a card is refused.
 * @csspart tickets - The ticket form (adult, children, group).
 * @csspart confirm-button - The button that registers the usage.
 * @csspart result - The registered / queued confirmation.
 * @csspart queued-badge - The badge shown when a usage is queued offline.
 * @csspart error - The error notice.
 * @csspart needs-attention - The list of queued usages the server refused.
 * @csspart insecure-notice - Shown while `allow-insecure-http` lets the element use a plain-http API.
 *
 * @cssproperty --kaiku-font - Font family.
 * @cssproperty --kaiku-font-size - Base font size.
 * @cssproperty --kaiku-radius - Corner radius.
 * @cssproperty --kaiku-gap - Spacing unit.
 * @cssproperty --kaiku-bg - Background colour.
 * @cssproperty --kaiku-surface - Background of panels and tracks.
 * @cssproperty --kaiku-fg - Text colour.
 * @cssproperty --kaiku-muted - Secondary text colour (keep ≥ 4.5:1 on --kaiku-bg).
 * @cssproperty --kaiku-border - Border colour (keep ≥ 3:1 on --kaiku-bg).
 * @cssproperty --kaiku-accent - Buttons, links and the meter.
 * @cssproperty --kaiku-accent-fg - Text on --kaiku-accent.
 * @cssproperty --kaiku-ok - Success text; --kaiku-ok-bg its background.
 * @cssproperty --kaiku-warn - Queued/offline text; --kaiku-warn-bg its background.
 * @cssproperty --kaiku-danger - Refusal and error text; --kaiku-danger-bg its background.
 * @cssproperty --kaiku-focus - Focus ring colour.
 */

export class KaikuScanner extends LitElement {
  static override styles = styles;
  static override properties = {
    baseUrl: { attribute: 'base-url' },
    venueId: { attribute: 'venue-id' },
    channel: {},
    lang: { reflect: true },
    theme: { reflect: true },
    mode: { reflect: true },
    showId: { attribute: 'show-id' },
    showName: { attribute: 'show-name' },
    showStart: { attribute: 'show-start' },
    showKind: { attribute: 'show-kind' },
    showCap: { attribute: 'show-cap', type: Number },
    showSeats: { attribute: 'show-seats', type: Number },
    shows: { attribute: false },
    noCamera: { attribute: 'no-camera', type: Boolean },
    noWedge: { attribute: 'no-wedge', type: Boolean },
    noSound: { attribute: 'no-sound', type: Boolean },
    wedgeOptions: { attribute: false },
    tokenProvider: { attribute: false },
    services: { attribute: false },
    retentionMs: { attribute: 'retention-ms', type: Number },
    cardCacheTtlMs: { attribute: 'card-cache-ttl-ms', type: Number },
    offlinePolicy: { attribute: 'offline-policy' },
    allowInsecureHttp: { attribute: 'allow-insecure-http', type: Boolean },
    outboxName: { attribute: 'outbox-name' },
    ...STATE,
  };

  /** Base URL of the Kaikukanta API (or the sandbox), e.g. `http://localhost:8787`. */
  declare baseUrl: string;
  /** The venue the usages are registered for. */
  declare venueId: string;
  /** Sales channel of this terminal. */
  declare channel: 'box-office' | 'reservation' | 'ticket-agent';
  /** UI language: `fi` (default), `sv` or `en`. Falls back to the closest `lang` of the page. */
  declare lang: string;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  declare theme: 'auto' | 'light' | 'dark';
  /** Booking a ticket, or collecting a booked ticket. */
  declare mode: UsageMode;
  /** ID of the show or course. Chooses from `shows` when that list is set. */
  declare showId: string;
  /** Name of the show or course (when `shows` is not used). */
  declare showName: string;
  /** Start as an ISO date-time with offset, e.g. `2026-03-01T19:00:00+02:00`. */
  declare showStart: string;
  /** Kind of show: `show`, `small-show`, `course`, `festival`, `mass-event`, `swimming-hall`, … */
  declare showKind: string;
  /** The venue's cap for card-holder tickets; when unset, the server's tally decides. */
  declare showCap: number | undefined;
  /** Seats or places of the show (the rules' small-show cases). */
  declare showSeats: number | undefined;
  /** Shows to choose from (property only). */
  declare shows: readonly ShowContext[];
  /** Hide the camera button. */
  declare noCamera: boolean;
  /** Do not listen for keyboard-wedge scanners. */
  declare noWedge: boolean;
  /** No beep when the camera reads a card (wedge readers beep themselves). */
  declare noSound: boolean;
  /**
   * Wedge reader settings (property only): `layout` ('us', 'fi', 'de', …), `terminator`, `prefix`, `suffix`, timing,
   * or a `profile` stored from `calibrateScanner()`.
   */
  declare wedgeOptions: WedgeSettings | undefined;
  /** Returns a bearer token for the API (property only; never stored). */
  declare tokenProvider: TokenProvider | undefined;
  /** Replaces the default core services (API client, outbox, rules): for custom back ends and tests. */
  declare services: ScannerServices | undefined;
  /** How long synced and resolved usages stay on the terminal (ms). Unset: 1 h (docs/privacy.md). */
  declare retentionMs: number | undefined;
  /** How long a looked-up active card may decide offline (ms). Unset: 8 h; refused cards are never cached. */
  declare cardCacheTtlMs: number | undefined;
  /** When a card cannot be looked up and is not cached: `accept-provisionally` (unset) or `refuse`. */
  declare offlinePolicy: 'accept-provisionally' | 'refuse' | undefined;
  /**
   * Accept a plain `http:` base URL to another machine (an intranet installation without TLS): card IDs and the
   * token then travel unencrypted, and staff see a notice while it is on. Loopback never needs it.
   */
  declare allowInsecureHttp: boolean;
  /**
   * IndexedDB database of the outbox. Unset: one per `base-url` + `venue-id` (`kaiku-outbox <api> <venue>`), so
   * two targets on one origin never share queued usages. Outboxes sharing a name still send only their own.
   */
  declare outboxName: string | undefined;

  declare private phase: Phase;
  declare private outbox: OutboxState;
  declare private cap: CapState | undefined;
  declare private online: boolean;
  declare private manualError: Reason | undefined;
  declare private groupError: Reason | undefined;
  declare private cameraError: Reason | undefined;
  declare private politeText: string;
  declare private alertText: string;
  declare private pageLang: string;

  constructor() {
    super();
    this.baseUrl = '';
    this.venueId = '';
    this.channel = 'box-office';
    this.theme = 'auto';
    this.mode = 'booking';
    this.showId = '';
    this.showName = '';
    this.showStart = '';
    this.showKind = 'show';
    this.showCap = undefined;
    this.showSeats = undefined;
    this.shows = [];
    this.noCamera = false;
    this.noWedge = false;
    this.noSound = false;
    this.wedgeOptions = undefined;
    this.tokenProvider = undefined;
    this.services = undefined;
    this.retentionMs = undefined;
    this.cardCacheTtlMs = undefined;
    this.offlinePolicy = undefined;
    this.allowInsecureHttp = false;
    this.outboxName = undefined;
    this.phase = { name: 'ready' };
    this.outbox = { pending: 0, needsAttention: [] };
    this.cap = undefined;
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine;
    this.manualError = undefined;
    this.groupError = undefined;
    this.cameraError = undefined;
    this.politeText = '';
    this.alertText = '';
    this.pageLang = '';
  }

  private readonly svc = new ServicesController(this, (s) => this.onOutbox(s));
  private readonly wedge = new WedgeController(
    this,
    (id, raw) => this.onRead(id, 'wedge', raw),
    (e) => this.onInputError(e),
  );
  private readonly camera = new CameraController(
    this,
    (id) => this.onRead(id, 'camera', id),
    (e) => this.onCameraError(e),
  );
  private lookupAbort: AbortController | undefined;
  private langObserver: MutationObserver | undefined;
  private focusAfterRender = false;

  /** The language in use. */
  get locale(): UiLocale {
    return resolveLocale(this.lang) ?? resolveLocale(this.pageLang) ?? 'fi';
  }

  /** The show usages are registered for, from `shows` + `showId` or from the show-* attributes. */
  get show(): ShowContext | undefined {
    const chosen = this.shows.find((s) => s.id === this.showId);
    if (chosen) return chosen;
    if (!this.showId || !this.showName || !this.showStart) return undefined;
    return {
      id: this.showId,
      name: this.showName,
      start: this.showStart,
      kind: this.showKind,
      ...(this.showCap === undefined || Number.isNaN(this.showCap) ? {} : { cap: this.showCap }),
      ...(this.showSeats === undefined || Number.isNaN(this.showSeats) ? {} : { seats: this.showSeats }),
    };
  }

  private get t(): Translation {
    return translationFor(this.locale);
  }

  private get fmt(): Formatter {
    return formatterFor(this.locale);
  }

  private get view(): ViewContext {
    return { t: this.t, fmt: this.fmt, text: (m) => this.text(m) };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.readPageLang();
    // Follow the page's language while the element has no lang of its own (Shoelace's approach).
    this.langObserver = new MutationObserver(() => this.readPageLang());
    this.langObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOnline);
    // The card panel loads in the background now; a look-up waits for it only if it is still on its way.
    void cardPanelViews.load().catch(() => undefined);
  }

  private readPageLang(): void {
    this.pageLang =
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ?? document.documentElement.lang;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.langObserver?.disconnect();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOnline);
    this.lookupAbort?.abort();
  }

  /**
   * A render in Swedish or English waits for those strings (loaded on first use; Finnish is always there). The
   * locale is checked again after the wait: it may have changed meanwhile. A failed load renders in Finnish, and
   * so does a load still unfinished after `STRINGS_WAIT_MS` (a slow network must not keep the element blank); the
   * element re-renders in the language asked for when the strings arrive.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const pending = whenTranslationReady(this.locale);
    if (!pending) return super.scheduleUpdate();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STRINGS_WAIT_MS);
    });
    return Promise.race([pending, timedOut]).then((loaded) => {
      clearTimeout(timer);
      if (loaded === 'timeout') void pending.then((ok) => ok && this.requestUpdate());
      return loaded === true ? this.scheduleUpdate() : super.scheduleUpdate();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      changed.has('baseUrl') ||
      changed.has('venueId') ||
      changed.has('services') ||
      changed.has('channel') ||
      changed.has('retentionMs') ||
      changed.has('cardCacheTtlMs') ||
      changed.has('offlinePolicy') ||
      changed.has('allowInsecureHttp') ||
      changed.has('outboxName')
    ) {
      this.svc.configure({
        services: this.services,
        baseUrl: this.baseUrl,
        venueId: this.venueId,
        channel: this.channel,
        getToken: () => this.tokenProvider?.() ?? '',
        retentionMs: this.retentionMs,
        cardCacheTtlMs: this.cardCacheTtlMs,
        offlinePolicy: this.offlinePolicy,
        allowInsecureHttp: this.allowInsecureHttp,
        ...(this.outboxName ? { databaseName: this.outboxName } : {}),
      });
    }
    if (changed.has('wedgeOptions')) this.wedge.configure(this.wedgeOptions);
    if (changed.has('noWedge')) this.wedge.setEnabled(!this.noWedge);
  }

  protected override updated(changed: PropertyValues<this>): void {
    const showChanged = ['showId', 'shows', 'showCap', 'showName', 'showStart', 'baseUrl', 'services'].some(
      (k) => changed.has(k as keyof KaikuScanner),
    );
    if (showChanged) void this.refreshCap();
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
  }

  // ---- public JS API ----

  /** Submits a card ID as if it had been typed (e.g. from a host's own scanner integration). */
  submitCardId(raw: string): void {
    this.onRead(raw, 'api', raw);
  }

  /** Registers the usage on screen (what the confirm button does). */
  confirm(): Promise<void> {
    return this.register();
  }

  /**
   * Learns the connected wedge reader (timing, prefix/suffix, keyboard layout) from one scan of any card. Store
   * `result.profile` and pass it back as `wedgeOptions = { profile }` on the next start.
   */
  calibrateScanner(timeoutMs?: number): Promise<CalibrationResult> {
    return this.wedge.calibrate(timeoutMs);
  }

  /** Back to ready, dropping the card on screen. */
  reset(): void {
    this.lookupAbort?.abort();
    this.toPhase({ name: 'ready' });
  }

  /** Sends queued usages now. */
  async syncNow(): Promise<void> {
    try {
      await this.svc.get().syncNow();
    } catch (e) {
      this.fail(this.svc.toError(e), 'sync');
    }
  }

  /** The pending and needs-attention usages as CSV in the official usage-report layout. */
  exportCsv(): Promise<string> {
    return this.svc.get().exportCsv();
  }

  // ---- flow ----

  private toPhase(phase: Phase, polite = '', alert = ''): void {
    this.phase = phase;
    this.politeText = polite;
    this.alertText = alert;
    this.focusAfterRender = true;
    if (phase.name !== 'ready') this.manualError = undefined;
    this.groupError = undefined;
  }

  private onRead(raw: string, source: ScanSource, _original: string): void {
    const phase = this.phase;
    if (phase.name === 'looking-up' || phase.name === 'registering') return;
    const parsed = this.svc.get().parseCardId(raw);
    const addingToGroup =
      phase.name === 'card' &&
      phase.card.kind === 'community' &&
      phase.blocking.length === 0 &&
      source !== 'api';
    if (!parsed.ok) {
      if (addingToGroup) this.groupError = parsed.reason;
      else if (phase.name !== 'card') {
        if (phase.name !== 'ready') this.toPhase({ name: 'ready' });
        this.manualError = parsed.reason;
      }
      this.alertText = this.text(parsed.reason.message);
      this.emitError({ code: parsed.reason.code, stage: 'input' });
      return;
    }
    if (addingToGroup && phase.name === 'card') {
      this.dispatchEvent(new KaikuScanEvent({ cardId: parsed.id, source, groupMember: true }));
      this.addGroupMember(parsed.id);
      return;
    }
    this.dispatchEvent(new KaikuScanEvent({ cardId: parsed.id, source, groupMember: false }));
    void this.lookUp(parsed.id);
  }

  private async lookUp(cardId: string): Promise<void> {
    const show = this.show;
    if (!show) {
      this.toPhase({ name: 'ready' }, '', this.t.noShow);
      this.emitError({ code: 'no-show', stage: 'config', cardId });
      return;
    }
    this.camera.stop();
    this.lookupAbort?.abort();
    const abort = new AbortController();
    this.lookupAbort = abort;
    this.toPhase({ name: 'looking-up', cardId }, this.t.lookingUp(cardId));
    let outcome: LookupOutcome;
    try {
      outcome = await this.svc.get().lookupCard(cardId, abort.signal);
    } catch (e) {
      outcome = { ok: false, error: this.svc.toError(e), notFound: false };
    }
    if (abort.signal.aborted) return;
    if (!outcome.ok) {
      this.fail(outcome.error, 'lookup', outcome.notFound ? undefined : cardId, cardId);
      return;
    }
    try {
      await cardPanelViews.load();
    } catch (e) {
      if (!abort.signal.aborted) this.fail(this.svc.toError(e), 'lookup', cardId, cardId);
      return;
    }
    if (abort.signal.aborted) return;
    this.showCard(outcome.card, show);
  }

  private showCard(card: CardView, show: ShowContext): void {
    const probe: TicketRequest =
      card.kind === 'community' ? { children: 0, groupCardIds: [], under16: 1 } : EMPTY_REQUEST;
    const first = this.decide(card, show, probe);
    const blocking = first.ok ? [] : first.reasons;
    this.toPhase(
      { name: 'card', card, request: EMPTY_REQUEST, blocking },
      blocking.length === 0 ? `${this.t.cardHeading} ${card.id}: ${this.t.statusName(card.status)}` : '',
      blocking.length === 0
        ? ''
        : `${this.t.refusedHeading}. ${blocking.map((r) => this.text(r.message)).join(' ')}`,
    );
    // A malformed show from the host is a setup error: say so to the host too, not only as a refusal.
    if (blocking.some((r) => r.code === 'show-invalid'))
      this.emitError({ code: 'show-invalid', stage: 'config', cardId: card.id });
    this.dispatchEvent(
      new KaikuCardEvent({
        cardId: card.id,
        kind: card.kind,
        status: card.status,
        validUntil: card.validUntil,
        minors: card.minors,
        allowed: blocking.length === 0,
        reasons: blocking.map((r) => r.code),
        fromCache: card.fromCache,
      }),
    );
  }

  private decide(card: CardView, show: ShowContext, request: TicketRequest): Decision {
    return this.svc.get().decide({ card, show, mode: this.mode, request, cap: this.cap, now: new Date() });
  }

  private setRequest(request: TicketRequest): void {
    if (this.phase.name !== 'card') return;
    this.phase = { ...this.phase, request };
  }

  private addGroupMember(cardId: string): void {
    if (this.phase.name !== 'card') return;
    const { card, request } = this.phase;
    if (cardId === card.id || request.groupCardIds.includes(cardId)) {
      this.groupError = { code: 'group-duplicate', message: GROUP_DUPLICATE };
      this.alertText = this.text(this.groupError.message);
      return;
    }
    this.groupError = undefined;
    this.setRequest({ ...request, groupCardIds: [...request.groupCardIds, cardId] });
    this.politeText = `${this.t.groupHeading}: ${cardId}`;
  }

  private async register(): Promise<void> {
    const phase = this.phase;
    const show = this.show;
    if (phase.name !== 'card' || !show || phase.blocking.length > 0) return;
    const decision = this.decide(phase.card, show, phase.request);
    if (!decision.ok) {
      this.alertText = decision.reasons.map((r) => this.text(r.message)).join(' ');
      return;
    }
    const detail = this.usageDetail(phase.card.id, phase.request, show);
    if (!this.dispatchEvent(new KaikuBeforeRegisterEvent(detail))) {
      this.alertText = this.t.vetoed;
      return;
    }
    this.toPhase({ name: 'registering', card: phase.card, request: phase.request }, this.t.registering);
    let outcome;
    try {
      outcome = await this.svc
        .get()
        .register({ show, cardId: phase.card.id, request: phase.request, mode: this.mode });
    } catch (e) {
      this.fail(this.svc.toError(e), 'register', phase.card.id);
      return;
    }
    if (outcome.kind === 'refused') {
      this.toPhase(
        { ...phase, blocking: outcome.reasons },
        '',
        outcome.reasons.map((r) => this.text(r.message)).join(' '),
      );
      void this.refreshCap();
      this.emitError({
        code: outcome.reasons[0]?.code ?? 'refused',
        stage: 'register',
        cardId: phase.card.id,
      });
      return;
    }
    const done: Phase = {
      name: 'done',
      outcome: outcome.kind,
      cardId: phase.card.id,
      request: phase.request,
    };
    if (outcome.kind === 'registered') {
      if (outcome.cap) this.cap = outcome.cap;
      else void this.refreshCap();
      this.toPhase(done, `${this.t.registeredHeading}. ${ticketSummary(this.view, phase.request)}`);
      this.dispatchEvent(new KaikuUsageRegisteredEvent({ ...detail, usageId: outcome.usageId }));
    } else {
      if (this.cap) this.cap = { ...this.cap, given: this.cap.given + this.ticketCount(phase.request) };
      const queued: Phase = outcome.recordId ? { ...done, recordId: outcome.recordId } : done;
      this.toPhase(queued, `${this.t.queuedHeading}. ${this.t.queuedDetail}`);
      this.dispatchEvent(
        new KaikuUsageQueuedEvent({ ...detail, pending: outcome.pending, reason: outcome.reason }),
      );
    }
  }

  private usageDetail(cardId: string, request: TicketRequest, show: ShowContext): KaikuUsageDetail {
    return {
      cardId,
      adults: 1,
      children: request.children,
      groupCardIds: request.groupCardIds,
      under16: request.under16,
      showId: show.id,
      mode: this.mode,
    };
  }

  private ticketCount(r: TicketRequest): number {
    return 1 + r.children + r.groupCardIds.length + r.under16;
  }

  private fail(
    error: ServiceError,
    stage: KaikuErrorDetail['stage'],
    retryCardId?: string,
    cardId?: string,
  ): void {
    this.toPhase(
      retryCardId === undefined ? { name: 'error', error } : { name: 'error', error, retryCardId },
      '',
      `${this.t.errorHeading}. ${this.text(error.message)}`,
    );
    this.emitError({ code: error.code, stage, ...(cardId === undefined ? {} : { cardId }) });
  }

  private emitError(detail: KaikuErrorDetail): void {
    this.dispatchEvent(new KaikuErrorEvent(detail));
  }

  private onInputError(reason: Reason): void {
    if (this.phase.name === 'ready') this.manualError = reason;
    this.alertText = this.text(reason.message);
    this.emitError({ code: reason.code, stage: 'input' });
  }

  private onCameraError(error: ServiceError): void {
    this.alertText = this.text(error.message);
    this.cameraError = { code: error.code, message: error.message };
    this.emitError({ code: error.code, stage: 'camera' });
  }

  private onOutbox(state: OutboxState): void {
    const changed =
      state.pending !== this.outbox.pending ||
      state.needsAttention.length !== this.outbox.needsAttention.length;
    this.outbox = state;
    if (state.needsAttention.length > 0 && !attentionViews.get())
      attentionViews.load().then(
        () => this.requestUpdate(),
        () => undefined,
      );
    this.followQueued(state);
    if (changed) {
      this.dispatchEvent(
        new KaikuSyncEvent({ pending: state.pending, needsAttention: state.needsAttention.length }),
      );
      void this.refreshCap();
    }
  }

  /**
   * A queued usage on screen that has since been sent, or refused by Kaikukanta: the screen says which (the clerk
   * may still be looking, and a refusal means the ticket has to be settled with the customer).
   */
  private followQueued(state: OutboxState): void {
    const p = this.phase;
    if (p.name !== 'done' || p.outcome !== 'queued' || !p.recordId || !state.pendingIds) return;
    if (state.pendingIds.includes(p.recordId)) return;
    const refused = state.needsAttention.find((i) => i.id === p.recordId);
    if (refused) {
      this.phase = { ...p, outcome: 'refused-later', reason: refused.reason };
      this.alertText = `${this.t.refusedLaterHeading}. ${this.text(refused.reason.message)}`;
      return;
    }
    this.phase = { ...p, outcome: 'registered' };
    this.politeText = this.t.registeredHeading;
  }

  private readonly onOnline = (): void => {
    this.online = navigator.onLine;
    if (this.online) void this.syncNow();
  };

  private async refreshCap(): Promise<void> {
    const show = this.show;
    if (!show) {
      this.cap = undefined;
      return;
    }
    const fallback: CapState | undefined = show.cap === undefined ? undefined : { cap: show.cap, given: 0 };
    try {
      const got = await this.svc.get().capState(show);
      if (this.show?.id === show.id) this.cap = got ?? this.cap ?? fallback;
    } catch {
      if (this.show?.id === show.id) this.cap = this.cap ?? fallback;
    }
  }

  private text(message: LocalizedText): string {
    return message[this.locale];
  }

  // ---- event handlers ----

  private readonly onManualSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#manual');
    const value = input?.value ?? '';
    this.onRead(value, 'manual', value);
  };

  private readonly onGroupSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#member');
    const value = input?.value.trim() ?? '';
    if (value === '') {
      void this.register();
      return;
    }
    const parsed = this.svc.get().parseCardId(value);
    if (!parsed.ok) {
      this.groupError = parsed.reason;
      this.alertText = this.text(parsed.reason.message);
      return;
    }
    if (input) input.value = '';
    this.dispatchEvent(new KaikuScanEvent({ cardId: parsed.id, source: 'manual', groupMember: true }));
    this.addGroupMember(parsed.id);
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && ['card', 'error', 'done', 'looking-up'].includes(this.phase.name)) {
      e.preventDefault();
      this.reset();
    }
  };

  private readonly onModeChange = (e: Event): void => {
    const value = (e.target as HTMLInputElement).value;
    if (value === 'booking' || value === 'collection') this.mode = value;
  };

  private readonly onShowChange = (e: Event): void => {
    this.showId = (e.target as HTMLSelectElement).value;
    this.cap = undefined;
  };

  private readonly onCameraToggle = (): void => {
    this.cameraError = undefined;
    if (this.camera.active) this.camera.stop();
    else {
      const video = this.renderRoot.querySelector<HTMLVideoElement>('video');
      void this.camera.start(
        () => this.renderRoot.querySelector<HTMLVideoElement>('video') ?? video,
        !this.noSound,
      );
    }
  };

  private readonly onRetry = (): void => {
    if (this.phase.name === 'error' && this.phase.retryCardId) void this.lookUp(this.phase.retryCardId);
    else this.reset();
  };

  private readonly onConfirm = (): void => {
    void this.register();
  };

  // ---- render ----

  override render(): TemplateResult {
    return html`
      <section
        part="base"
        class="base"
        aria-labelledby="title"
        @keydown=${this.onKeyDown}
        lang=${this.locale}
      >
        ${this.renderHeader()}
        <div part="stage" class="stage">${this.renderStage()}</div>
        ${
          attentionViews.get()?.renderNeedsAttention(
            this.view,
            this.outbox.needsAttention,
            (id) => void this.resolveAttention(id),
            () => void this.downloadCsv(),
          ) ?? nothing
        }
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${this.politeText}</div>
        <div class="sr-only" role="alert" aria-atomic="true">${this.alertText}</div>
      </section>
    `;
  }

  private renderStage(): TemplateResult {
    switch (this.phase.name) {
      case 'ready':
        return renderReady(this.view, {
          noCamera: this.noCamera,
          cameraOn: this.camera.active,
          manualError: this.manualError,
          cameraError: this.cameraError,
          onSubmit: this.onManualSubmit,
          onCameraToggle: this.onCameraToggle,
        });
      case 'looking-up':
        return renderBusy(this.t.lookingUp(this.phase.cardId));
      case 'card':
        return this.renderCardPanel(this.phase.card, this.phase.request, this.phase.blocking);
      case 'registering':
        return renderBusy(this.t.registering);
      case 'done':
        return renderResult(this.view, this.phase, () => this.reset());
      case 'error':
        return renderError(
          this.view,
          this.phase.error,
          this.phase.retryCardId !== undefined,
          this.onRetry,
          () => this.reset(),
        );
    }
  }

  private renderHeader(): TemplateResult {
    const v = this.view;
    return html`
      <div part="header" class="header">
        <h2 id="title">${v.t.title}</h2>
        ${renderSyncStatus(v, this.online, this.outbox.pending, () => void this.syncNow())}
      </div>
      ${this.renderInsecureNotice()}
      <div class="context">
        ${renderShow(v, this.show, this.shows, this.onShowChange)}
        ${renderMode(v, this.mode, this.onModeChange)} ${this.show ? renderCapMeter(v, this.cap) : nothing}
      </div>
    `;
  }

  /** While the opt-in is on and the API is plain http, staff see it (the client refuses such a URL without it). */
  private renderInsecureNotice(): TemplateResult | typeof nothing {
    return this.allowInsecureHttp && /^http:/i.test(this.baseUrl)
      ? html`<p part="insecure-notice" class="notice warn" role="note">${this.t.insecureConnection}</p>`
      : nothing;
  }

  private renderCardPanel(
    card: CardView,
    request: TicketRequest,
    blocking: readonly Reason[],
  ): TemplateResult {
    const views = cardPanelViews.get();
    // Loaded before a card reaches the screen (see lookUp); the busy state covers a host that sets the phase early.
    if (!views) return renderBusy(this.t.lookingUp(card.id));
    const { renderCardFacts, renderRefusal, renderTickets } = views;
    const refused = blocking.length > 0;
    const show = this.show;
    return html`
      <section part="card-panel" class="card ${refused ? 'refused' : ''}" aria-labelledby="card-title">
        <div class="card-info">${renderCardFacts(this.view, card)}</div>
        <div class="card-action">
          ${
            refused || !show
              ? renderRefusal(this.view, blocking, () => this.reset())
              : renderTickets(this.view, this.ticketModel(card, show, request), this.ticketHandlers)
          }
        </div>
      </section>
    `;
  }

  /** The rules decide the request on screen and, by probing, how far each stepper may go. */
  private ticketModel(card: CardView, show: ShowContext, request: TicketRequest): TicketModel {
    const isCourse = show.kind === 'course';
    const bound = (vary: (n: number) => TicketRequest): number =>
      Math.max(
        0,
        probeMax((n) => this.decide(card, show, vary(n)).ok),
      );
    return {
      card,
      request,
      decision: this.decide(card, show, request),
      isCourse,
      childMax: card.kind === 'client' && !isCourse ? bound((n) => ({ ...request, children: n })) : 0,
      under16Max: card.kind === 'community' ? bound((n) => ({ ...request, under16: n })) : 0,
      groupError: this.groupError,
    };
  }

  private readonly ticketHandlers: TicketHandlers = {
    setRequest: (r) => this.setRequest(r),
    confirm: () => void this.register(),
    cancel: () => this.reset(),
    submitMember: (e) => this.onGroupSubmit(e),
  };

  private async resolveAttention(id: string): Promise<void> {
    try {
      await this.svc.get().resolveAttention(id);
    } catch (e) {
      this.fail(this.svc.toError(e), 'sync');
    }
  }

  private async downloadCsv(): Promise<void> {
    const csv = await this.exportCsv();
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'kaikukortti-usages.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
