import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import type { CalibrationResult } from '@kaiku-scanner/core/wedge';
import type { Channel } from '@kaiku-scanner/core/contract';
import type { OfflinePolicy } from '@kaiku-scanner/core/outbox';
import { styles } from './kaiku-scanner.styles.js';
import { translationFor, venueWording, type UiLocale } from './translations/index.js';
import { formatterFor } from './format.js';
import { lateText } from './messages/index.js';
import type { Registry, ScannerServices, ShowContext, TokenProvider, UsageMode } from './services/types.js';
import { property, affects } from './controllers/property.js';
import { ServicesController } from './controllers/services-controller.js';
import { WedgeController, type WedgeSettings } from './controllers/wedge-controller.js';
import { CameraController } from './controllers/camera-controller.js';
import { LocaleController } from './controllers/locale-controller.js';
import { ConfigController } from './controllers/config-controller.js';
import { showFromProperties } from './services/show-from-properties.js';
import { ScanFlow } from './flow/scan-flow.js';
import { TALLY_MS } from './flow/sync.js';
import type { ViewContext } from './views/view-context.js';
import { renderHeader } from './views/header.js';
import { renderStage } from './views/stage.js';
import type { TicketHandlers } from './views/card-panel.js';
import { LazyViewsController } from './controllers/lazy-views-controller.js';
import { KaikuErrorEvent, KaikuReportExportedEvent } from './events.js';
import type { KaikuReportExportedDetail, KaikuUsageVoidedDetail } from './events.js';

export type { TokenProvider, UsageMode } from './services/types.js';

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
 * @event kaiku-usage-voided - A usage was undone (the undo action, `voidUsage()`). `detail: { usageId, cardId, outcome }`
 * @event kaiku-sync - The outbox changed. `detail: { pending, needsAttention }`
 * @event kaiku-error - Something failed. `detail: { code, stage, cardId? }`
 * @event kaiku-report-exported - The register's usages were downloaded for Kaikukanta's import. `detail: { format, fileName, usages }`
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
 * @csspart torch-button - The camera's light, on or off (`aria-pressed`): only where the track reports a torch.
 * @csspart zoom - The camera's zoom slider: only where the track reports a zoom range.
 * @csspart aim-guide - The frame over the preview showing where to hold the card.
 * @csspart camera-hint - What to try when the camera has found nothing for a while.
 * @csspart camera-notice - Decoding is degraded (main thread, weaker decoder): a calm notice, scanning goes on.
 * @csspart card-panel - The looked-up card.
 * @csspart booking - The card's booking to collect: "booked by <venue or agent ID>" (`data-booked-by`).
 * @csspart refusal - The list of reasons a card is refused.
 * @csspart tickets - The ticket form (adult, children, group).
 * @csspart confirm-button - The button that registers the usage.
 * @csspart result - The registered / queued confirmation.
 * @csspart queued-badge - The badge shown when a usage is queued offline.
 * @csspart next-waiting - The card read while another was looked up or registered: looked up next.
 * @csspart error - The error notice.
 * @csspart load-notice - Shown while the strings of the language asked for cannot be fetched (Finnish meanwhile).
 * @csspart config-error - Shown instead of the scanning controls while a setting cannot be used (which one, and why).
 * @csspart needs-attention - The list of queued usages the server refused.
 * @csspart conflicts - This terminal's usages another terminal admitted too during a network split.
 * @csspart insecure-notice - Shown while `allow-insecure-http` lets the element use a plain-http API.
 * @csspart storage-notice - Storage blocked (online only), usages lost with cleared storage, or storage at risk.
 * @csspart register - registry="none": usages not yet exported and the "download for Kaikukanta" buttons.
 * @csspart shift - This terminal's shift: counters, usages, the shift report and the clerk's settings.
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
  /** The element's styles (adopted: no inline `<style>`, so a strict CSP needs no `unsafe-inline`). */
  static override styles = styles;
  // Each property once: its doc, its options (`services`, `check`, `tally`: what a change of it sets going again;
  // controllers/property.ts) and its default. Its attribute is its name in kebab-case.
  /** Base URL of the Kaikukanta API (or the sandbox), e.g. `http://localhost:8787`. */
  @property({ services: true, check: true, tally: true }) baseUrl = '';
  /** The venue the usages are registered for. */
  @property({ services: true }) venueId = '';
  /** Sales channel of this terminal. */
  @property({ services: true, check: true }) channel: Channel = 'box-office';
  /** UI language: `fi` (default), `sv` or `en`. Falls back to the closest `lang` of the page. */
  @property({ reflect: true }) override lang!: string;
  /** `light`, `dark`, or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true, check: true }) theme: 'auto' | 'light' | 'dark' = 'auto';
  /** Booking a ticket, or collecting a booked ticket. */
  @property({ reflect: true, check: true }) mode: UsageMode = 'booking';
  /** ID of the show or course. Chooses from `shows` when that list is set. */
  @property({ check: true, tally: true }) showId = '';
  /** Name of the show or course (when `shows` is not used). */
  @property({ check: true, tally: true }) showName = '';
  /** Start as an ISO date-time with offset, e.g. `2026-03-01T19:00:00+02:00`. */
  @property({ check: true, tally: true }) showStart = '';
  /** Kind of show: `show`, `small-show`, `course`, `festival`, `mass-event`, `swimming-hall`, … */
  @property({ check: true }) showKind = 'show';
  /** The venue's cap for card-holder tickets; when unset, the server's tally decides. */
  @property({ type: Number, check: true, tally: true }) showCap: number | undefined;
  /** Seats or places of the show (the rules' small-show cases). */
  @property({ type: Number, check: true }) showSeats: number | undefined;
  /** Shows to choose from (property only). */
  @property({ attribute: false, check: true, tally: true }) shows: readonly ShowContext[] = [];
  /** Hide the camera button. */
  @property({ type: Boolean }) noCamera = false;
  /**
   * Where the camera's decoding worker (`@kaiku-scanner/core`'s `dist/decode-worker.js`, self-contained) is served,
   * when the page's build does not emit it next to the camera code (esbuild, a copied folder). Unset: beside it.
   * Property only, set by script: markup alone must not choose a script to run as the worker (Trusted Types).
   */
  @property({ attribute: false }) workerUrl: string | undefined;
  /** Where `zxing_reader.wasm` is served, when not beside the decoder (docs/decoding.md). Unset: beside it. */
  @property() wasmUrl: string | undefined;
  /** Do not listen for keyboard-wedge scanners. */
  @property({ type: Boolean }) noWedge = false;
  /** No sounds: no beep when the camera reads a card, no result sounds (the clerk can also turn them off). */
  @property({ type: Boolean }) noSound = false;
  /** No vibration on a result (where the device vibrates; the clerk can also turn it off). */
  @property({ type: Boolean }) noVibration = false;
  /** Wedge reader settings (property only): `layout`, `terminator`, timing, … or a `calibrateScanner()` profile. */
  @property({ attribute: false }) wedgeOptions: WedgeSettings | undefined;
  /** Returns a bearer token for the API (property only; never stored; asked for at each request: no rebuild). */
  @property({ attribute: false }) tokenProvider: TokenProvider | undefined;
  /** Replaces the default core services (API client, outbox, rules): for custom back ends and tests. */
  @property({ attribute: false, services: true, check: true, tally: true }) services:
    ScannerServices | undefined;
  /** How long synced and resolved usages stay on the terminal (ms). Unset: 1 h (docs/privacy.md). */
  @property({ type: Number, services: true, check: true })
  retentionMs: number | undefined;
  /** How long a looked-up active card may decide offline (ms). Unset: 8 h; refused cards are never cached. */
  @property({ type: Number, services: true, check: true })
  cardCacheTtlMs: number | undefined;
  /** When a card cannot be looked up and is not cached: `accept-provisionally` (unset) or `refuse`. */
  @property({ services: true, check: true })
  offlinePolicy: OfflinePolicy | undefined;
  /** Accept a plain `http:` API on another machine (no TLS: card IDs travel unencrypted; staff see a notice). */
  @property({ type: Boolean, services: true }) allowInsecureHttp = false;
  /**
   * IndexedDB database of the outbox. Unset: one per `base-url` + `venue-id` (`kaiku-outbox <api> <venue>`), so
   * two targets on one origin never share queued usages. Outboxes sharing a name still send only their own.
   */
  @property({ services: true }) outboxName: string | undefined;
  /** This terminal's name, e.g. `Kassa 2` (≤ 40 characters, never a person's): on the shift panel and its report. */
  @property({ services: true, check: true }) terminalName = '';
  /**
   * `kaikukanta` (default): usages go to the API at `base-url`. `venue`: so, to the venue's register server (needs
   * `terminal-name`), named so on screen. `none`: no API — every usage is kept in this terminal's register on the
   * device (needs `venue-id` and `terminal-name`) and downloaded for Kaikukanta's import (`exportForKaikukanta()`).
   * Never a fallback: a missing `base-url` stays an error.
   */
  @property({ services: true, check: true }) registry: Registry = 'kaikukanta';

  private readonly views: LazyViewsController = new LazyViewsController(this, () => this.flow.load());
  private readonly svc = new ServicesController(
    this,
    (s) => {
      this.flow.sync.changed(s);
      this.views.outboxChanged(s);
    },
    () => void this.flow.online(),
  );
  private readonly flow: ScanFlow = new ScanFlow({
    services: () => this.svc.get(),
    show: () => this.show,
    mode: () => this.mode,
    dispatch: (event) => this.dispatchEvent(event),
    changed: () => this.requestUpdate(),
    stopCamera: () => this.camera.stop(),
    loadCardViews: () => this.views.loadCard(),
    took: (emit) => this.views.took(emit, this),
  });
  private readonly config = new ConfigController(this);
  private readonly wedge = new WedgeController(
    this,
    (id, duplicate) => this.flow.read(id, 'wedge', duplicate),
    (e) => this.flow.inputError(e),
    (e) => this.config.wedgeRefused(e),
  );
  private readonly camera = new CameraController(
    this,
    (id) => this.flow.read(id, 'camera'),
    (error) => this.flow.apply({ type: 'camera-failed', error }),
    (n) => this.dispatchEvent(new KaikuErrorEvent({ code: n.code, stage: 'camera' })),
  );
  private readonly language = new LocaleController(this, () =>
    this.flow.apply({ type: 'error', detail: { code: 'element-load-failed', stage: 'config' } }),
  );

  /** The language in use. */
  get locale(): UiLocale {
    return this.language.locale;
  }

  /** The show usages are registered for, from `shows` + `showId` or from the show-* attributes. */
  get show(): ShowContext | undefined {
    return showFromProperties(this);
  }

  private get view(): ViewContext {
    const locale = this.locale;
    const v = { t: translationFor(locale), fmt: formatterFor(locale), late: lateText, id: this.views.cardId };
    return venueWording({ ...v, text: (m) => m[locale] }, locale, this.registry === 'venue');
  }

  /** The meter follows the show's tally while the element is on the page (other terminals sell meanwhile). */
  override connectedCallback(): void {
    super.connectedCallback();
    this.flow.tally.every(TALLY_MS);
  }

  /** Drops the look-ups under way and the flow's timers when the element leaves the page. */
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.flow.dispose();
  }

  /** A render in Swedish or English waits for those strings (see `LocaleController.schedule`). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return this.language.schedule(() => super.scheduleUpdate());
  }

  /** Re-creates the services, checks the settings and re-arms the wedge listener when their properties change. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (affects(this, changed, 'services')) this.svc.configureFrom(this);
    if (affects(this, changed, 'check')) this.config.check(this);
    if (changed.has('wedgeOptions')) this.wedge.configure(this.wedgeOptions);
    this.wedge.setEnabled(!this.noWedge && this.config.settingsOk && this.wedge.active);
  }

  /** Refreshes the show's tally, plays a result's cue and moves focus to a new phase's first control. */
  protected override updated(changed: PropertyValues<this>): void {
    if (affects(this, changed, 'tally')) void this.flow.tally.refresh();
    this.views.painted(this);
    if (this.flow.takeFocus() && this.wedge.active)
      this.renderRoot.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }

  /** Submits a card ID as if it had been typed (e.g. from a host's own scanner integration). */
  submitCardId(raw: string): void {
    this.flow.read(raw, 'api');
  }

  /** Registers the usage on screen (what the confirm button does); a second call while one runs does nothing. */
  confirm(): Promise<void> {
    return this.flow.confirm();
  }

  /**
   * Learns the connected wedge reader (timing, prefix/suffix, keyboard layout) from one scan of any card. Store
   * `result.profile` and pass it back as `wedgeOptions = { profile }` on the next start.
   */
  calibrateScanner(timeoutMs?: number): Promise<CalibrationResult> {
    this.wedge.use();
    this.wedge.setEnabled(!this.noWedge && this.config.settingsOk);
    return this.wedge.calibrate(timeoutMs);
  }

  /** Back to ready, dropping the card on screen. */
  reset(): void {
    this.flow.reset();
  }

  /**
   * Undoes a usage this terminal registered or queued, by `kaiku-usage-registered`'s `usageId` or
   * `kaiku-usage-queued`'s `recordId` (for a shift list), within the void window; fires `kaiku-usage-voided`.
   * Rejects with the reason (`void-window-closed`, `void-unverified`, …).
   */
  async voidUsage(usageId: string): Promise<KaikuUsageVoidedDetail> {
    return this.flow.voidUsage(usageId);
  }

  /** Sends queued usages now. */
  syncNow(): Promise<void> {
    return this.flow.sync.act(() => this.svc.get().syncNow());
  }

  /**
   * Downloads the register's usages not yet exported as the file for Kaikukanta's import (CSV or XLSX), marks them
   * exported once the file is handed to the browser, and fires `kaiku-report-exported`; `again`: a file name of
   * `register.files`, downloaded again. For `registry="none"`, or a register kept before the API was set up.
   */
  async exportForKaikukanta(
    format: 'csv' | 'xlsx' = 'xlsx',
    again?: string,
  ): Promise<KaikuReportExportedDetail> {
    const svc = this.svc.get();
    // The download's code comes with the register's panel (a failed load rejects with `element-load-failed`).
    const detail = await (await this.views.loadRegister()).exportRegister(svc, format, this.locale, again);
    this.lastExported = detail.usages;
    this.dispatchEvent(new KaikuReportExportedEvent(detail));
    return detail;
  }

  /** Sends a register kept before the API was set up through the outbox (each usage once; never also exported). */
  handOverRegister(): Promise<number> {
    return this.svc.get().handOverRegister!();
  }

  private lastExported: number | undefined;

  /** The pending and needs-attention usages as CSV in the official usage-report layout. */
  exportCsv(): Promise<string> {
    return this.svc.get().exportCsv();
  }

  private readonly onManualSubmit = (e: SubmitEvent): void => {
    e.preventDefault();
    const input = this.renderRoot.querySelector<HTMLInputElement>('#manual');
    this.flow.read(input?.value ?? '', 'manual');
  };

  private readonly onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && this.flow.escape()) e.preventDefault();
  };

  private readonly onModeChange = (e: Event): void => {
    const value = (e.target as HTMLInputElement).value;
    if (value === 'booking' || value === 'collection') this.mode = value;
  };

  private readonly onShowChange = (e: Event): void => {
    this.showId = (e.target as HTMLSelectElement).value;
    this.flow.tally.forget(); // unknown until the new show's tally is fetched
  };

  private readonly onCameraToggle = (): void => {
    this.flow.apply({ type: 'camera-retried' });
    void this.camera.toggle(() => this.renderRoot.querySelector<HTMLVideoElement>('video'), !this.noSound, {
      workerUrl: this.workerUrl,
      wasmUrl: this.wasmUrl,
    });
  };

  /** Header, stage, needs-attention list (its code loads once it has items), shift panel, live regions. */
  override render(): TemplateResult {
    const v = this.view;
    const flow = this.flow;
    return html`
      <section
        part="base"
        class="base"
        aria-labelledby="title"
        @keydown=${this.onKeyDown}
        lang=${this.locale}
      >
        ${renderHeader(v, {
          sync: flow.sync.facts(
            this.svc.online,
            this.services !== undefined || this.baseUrl !== '' || this.registry === 'none',
          ),
          register: flow.sync.state.register?.mode === 'register',
          // The client refuses a plain-http URL to another machine without the opt-in.
          insecure: this.allowInsecureHttp && /^http:/i.test(this.baseUrl),
          storage: flow.sync.state,
          onAcknowledgeLoss: () => void this.svc.get().acknowledgeLoss?.(),
          cameraNotices: this.camera.notices,
          loadFailed: this.language.failed !== undefined,
          show: this.show,
          shows: this.shows,
          mode: this.mode,
          cap: flow.capState,
          onSyncNow: () => void this.syncNow(),
          onShowChange: this.onShowChange,
          onModeChange: this.onModeChange,
        })}
        <div part="stage" class="stage">
          ${
            this.config.render(v) ??
            renderStage(v, flow, {
              noCamera: this.noCamera,
              camera: this.camera,
              onSubmit: this.onManualSubmit,
              onCameraToggle: this.onCameraToggle,
              show: this.show,
              cardViews: this.views.card,
              tickets: this.ticketHandlers,
            })
          }
        </div>
        ${this.views.attention?.renderAttention(v, flow.sync, this.svc.get(), () => this.exportCsv())}
        ${this.views.register?.renderRegisterPanel(v, flow.sync.state.register, {
          lastExported: this.lastExported,
          onExport: (format, again) =>
            void flow.sync.act(async () => void (await this.exportForKaikukanta(format, again))),
          onHandOver: () => void flow.sync.act(async () => void (await this.handOverRegister())),
        })}
        ${this.views.renderShift(v, this, flow, this.svc.get())}
        <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">${flow.polite(v)}</div>
        <div class="sr-only" role="alert" aria-atomic="true">${flow.alert(v)}</div>
      </section>
    `;
  }

  private readonly ticketHandlers: TicketHandlers = {
    setRequest: (r) => this.flow.setRequest(r),
    confirm: () => void this.flow.confirm(),
    cancel: () => this.reset(),
    submitMember: (e) => {
      e.preventDefault();
      const input = this.renderRoot.querySelector<HTMLInputElement>('#member');
      if (this.flow.submitMember(input?.value.trim() ?? '') && input) input.value = '';
    },
  };
}
