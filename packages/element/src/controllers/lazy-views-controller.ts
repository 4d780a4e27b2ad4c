import { adoptStyles, type ReactiveController, type ReactiveElement } from 'lit';
import { steadyClock } from '@kaiku-scanner/core/base';
import { KaikuErrorEvent } from '../events.js';
import { lazyModule } from '../lazy-module.js';
import type * as CardPanelModule from '../views/card-panel.js';
import type * as AttentionModule from '../views/needs-attention.js';
import type * as RegisterModule from '../views/register-panel.js';
import type { FlowEmit, FlowEvent } from '../flow/step-flow.js';
import type { Outcome } from '../views/verdict.js';
import type { ShiftLog } from '../views/shift-panel.js';
import type { OutboxState, ScannerServices } from '../services/types.js';
import type { ScanFlow } from '../flow/scan-flow.js';
import type { ViewContext } from '../views/view-context.js';
import type { KaikuScanner } from '../kaiku-scanner.component.js';

/** The card panel (facts, refusal, tickets, group) is needed only once a card has been looked up. */
const cardPanelViews = lazyModule(() => import('../views/card-panel.js'));
/** The needs-attention list shows only when the server has refused a queued usage. */
const attentionViews = lazyModule(() => import('../views/needs-attention.js'));
/** The register's panel shows only with a register (registry="none", or one kept before the API was set up). */
const registerViews = lazyModule(() => import('../views/register-panel.js'));
/** The shift panel (counters, usages, report, the clerk's settings) follows the card panel. */
const shiftViews = lazyModule(() => import('../views/shift-panel.js'));
/** The shift's clock: a device clock set back does not re-open an undo on its list (`steadyClock`). */
const pageNow = steadyClock();

export type CardPanelViews = typeof CardPanelModule;
/** What the shift panel is shown from: the flow's parts it reads. */
export type ShiftFlow = Pick<ScanFlow, 'sync' | 'capState' | 'undo' | 'apply' | 'errorOf'>;

/** Views left out of the first download: the card panel loads once on the page, needs-attention when non-empty. */
export class LazyViewsController implements ReactiveController {
  private log: ShiftLog | undefined;
  /** What the shift is to take down, in order: kept while its code is not in (its chunk lost offline, say). */
  private readonly early: ((log: ShiftLog) => void)[] = [];
  /** The last result's cue emitted since the last paint. */
  private cue: Outcome | undefined;
  /** The shift's code failed to load: each render tries again (the network back), quietly. */
  private lost = false;
  /** How many views' styles this element has adopted. */
  private adopted = 0;

  constructor(
    private readonly host: ReactiveElement,
    /** Loads the card panel with the flow's card actions (`ScanFlow.load`). */
    private readonly preload: () => Promise<unknown>,
  ) {
    host.addController(this);
  }

  get card(): CardPanelViews | undefined {
    return cardPanelViews.get();
  }

  get attention(): typeof AttentionModule | undefined {
    return attentionViews.get();
  }

  get register(): typeof RegisterModule | undefined {
    return registerViews.get();
  }

  /** The register panel's code (its download too). */
  loadRegister(): Promise<typeof RegisterModule> {
    return registerViews.load();
  }

  hostConnected(): void {
    // A look-up waits for the card panel only if it is still on its way.
    void this.preload()
      .then(() => shiftViews.load())
      .then(() => this.adopt())
      // Without the panel the shift tools are missing: the host hears it (the network back, or a connect, tries again).
      .catch(() => {
        this.lost = true;
        this.host.dispatchEvent(new KaikuErrorEvent({ code: 'element-load-failed', stage: 'config' }));
      });
  }

  /** The shift of the element's API, venue and terminal, once its code is in. */
  private shift(host: KaikuScanner): ShiftLog | undefined {
    const log = (this.log = shiftViews.get()?.shiftOf(host, this.log));
    if (log) this.early.splice(0).forEach((take) => take(log));
    return log;
  }

  /** The card panel's code, its styles added to the element's once it is there. */
  async loadCard(): Promise<void> {
    await cardPanelViews.load();
    this.adopt();
  }

  /** The element's styles and those of the views loaded so far (once per view, per element); a render with them. */
  private adopt(): void {
    this.host.requestUpdate();
    const root = this.host.renderRoot;
    const more = [cardPanelViews.get()?.cardStyles, shiftViews.get()?.shiftStyles].filter(
      (s) => s !== undefined,
    );
    if (root instanceof ShadowRoot && more.length > this.adopted) {
      this.adopted = more.length;
      adoptStyles(root, [...(this.host.constructor as typeof ReactiveElement).elementStyles, ...more]);
    }
  }

  /** How card IDs show: in privacy mode (the clerk's setting) only their last four characters. */
  get cardId(): (id: string) => string {
    return cardPanelViews.get()?.showCardId() ?? String;
  }

  /** The shift panel, once its code is in (the model is built there: shift-panel.ts's `renderShiftOf`). */
  renderShift(v: ViewContext, host: KaikuScanner, flow: ShiftFlow, svc: ScannerServices): unknown {
    const log = this.shift(host);
    const now = new Date(pageNow());
    return log && shiftViews.get()!.renderShiftOf(v, log, { host, flow, canUndo: !!svc.voidUsage, now });
  }

  /** A cue or a shift entry of the flow's (`stepFlow`'s `emit`): the shift takes its entries at the next render (the
   * flow's change asks for one), with the show and mode they were emitted under; the cue waits for the paint. */
  took(emit: Exclude<FlowEmit, FlowEvent>, host: KaikuScanner): void {
    if (emit.type === 'cue') this.cue = emit.outcome;
    else {
      const show = host.show;
      const mode = host.mode;
      const now = new Date(pageNow());
      this.early.push((log) => log.take(emit.entry, show, mode, now));
    }
  }

  /** Painted: the last result's cue since the last paint plays (as the host allows); the shift's code is asked for
   * again if it failed to load. */
  painted(host: KaikuScanner): void {
    const cue = this.cue;
    this.cue = undefined;
    if (this.lost && !shiftViews.get()) {
      this.lost = false; // One try at a time (renders meanwhile add none); a failure asks again on a later render.
      shiftViews.load().then(
        () => this.adopt(),
        () => (this.lost = true),
      );
    }
    this.shift(host);
    const views = cardPanelViews.get();
    if (views && cue) {
      const channels = { sound: !host.noSound, vibration: !host.noVibration };
      setTimeout(() => views.playCue(cue, channels));
    }
  }

  /** The outbox changed: the needs-attention list's code loads when it has items, the register panel's with a
   * register (a failed load is tried again at the next change). */
  outboxChanged(s: Pick<OutboxState, 'needsAttention' | 'conflicts' | 'register'>): void {
    for (const [views, needed] of [
      [attentionViews, s.needsAttention.length > 0 || (s.conflicts?.length ?? 0) > 0],
      [registerViews, s.register !== undefined],
    ] as const)
      if (needed && !views.get())
        views.load().then(
          () => this.host.requestUpdate(),
          () => undefined,
        );
  }
}
