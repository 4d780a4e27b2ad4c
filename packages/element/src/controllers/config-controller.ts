import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { KaikuError } from '@kaiku-scanner/core/base';
import { lazyModule } from '../lazy-module.js';
import { KaikuErrorEvent, type KaikuErrorDetail } from '../events.js';
import type { ViewContext } from '../views/view-context.js';
import type { ConfigProperties, SettingsCheck } from '../services/config-check.js';

/** The checks, their texts and their bookkeeping load on demand (with the core's schema, which the services load
 * anyway): the first paint needs none of it (no problem is known before they are in). */
const checks = lazyModule(() => import('../services/config-check.js'));

/**
 * Checks the settings when set, not at the first scan: each problem replaces the scanning controls and is reported
 * once (`kaiku-error`, stage `config`). A misspelt attribute (`show-cpa`) is refused too: the browser would drop it.
 * What is found, and how it is reported, is `SettingsCheck`'s (services/config-check.ts).
 */
export class ConfigController {
  private observer: MutationObserver | undefined;
  private found: SettingsCheck | undefined;
  private seq = 0;
  /** The wedge listener's last refusal of its options (`undefined`: it took them), kept while the checks load. */
  private refused: KaikuError | undefined;

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    // Attributes are watched as they come and go: the element observes only its own.
    (this.observer ??= new MutationObserver(() => this.checkAttributes())).observe(this.host, {
      attributes: true,
    });
    this.checkAttributes();
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
  }

  /** No problem outside the wedge options (the wedge controller checks those again itself). */
  get settingsOk(): boolean {
    return this.found?.settingsOk ?? true;
  }

  /** The problems in place of the scanning controls, if there are any (none: scanning is offered). */
  render(v: ViewContext): TemplateResult | undefined {
    return this.found?.render(v);
  }

  /** Checks the settings again (one of the properties declared as checked changed). */
  check(p: ConfigProperties): void {
    const seq = ++this.seq;
    this.withChecks((c) => seq === this.seq && c.settings(p));
  }

  /** The wedge listener refused its options: unknown ones, or nonsense numbers (`undefined`: it took them). */
  wedgeRefused(error: KaikuError | undefined): void {
    this.refused = error;
    this.withChecks((c) => c.publish());
  }

  private checkAttributes(): void {
    this.withChecks((c) => c.attributes(this.host));
  }

  private withChecks(then: (c: SettingsCheck) => void): void {
    if (this.found) return then(this.found);
    const report = (detail: KaikuErrorDetail) => this.host.dispatchEvent(new KaikuErrorEvent(detail));
    checks.load().then(
      (m) => then((this.found ??= new m.SettingsCheck(this.host, () => this.refused, report))),
      // Unchecked settings are not taken as valid in silence: the host hears it; the next change tries again.
      () => report({ code: 'element-load-failed', stage: 'config' }),
    );
  }
}
