import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { KaikuError, OptionsError } from '@kaiku-scanner/core/base';
import { lazyModule } from '../lazy-module.js';
import { KaikuErrorEvent } from '../events.js';
import type { ViewContext } from '../views/view-context.js';
import type { ConfigProblem, ConfigProperties, FoundProblem } from '../services/config-check.js';

/** The checks and their texts load on demand (with the core's schema, which the services load anyway). */
const checks = lazyModule(() => import('../services/config-check.js'));
type Checks = NonNullable<ReturnType<typeof checks.get>>;

/**
 * Checks the settings when set, not at the first scan: each problem replaces the scanning controls and is reported
 * once (`kaiku-error`, stage `config`). A misspelt attribute (`show-cpa`) is refused too: the browser would drop it.
 */
export class ConfigController {
  private settings: readonly FoundProblem[] = [];
  private wedge: readonly FoundProblem[] = [];
  private attributes: readonly FoundProblem[] = [];
  private observer: MutationObserver | undefined;
  private reported = new Set<string>();
  private seq = 0;
  problems: readonly ConfigProblem[] = [];

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
    return this.settings.length + this.attributes.length === 0;
  }

  /** The problems in place of the scanning controls, if there are any (none: scanning is offered). */
  render(v: ViewContext): TemplateResult | undefined {
    const m = checks.get();
    return this.problems.length === 0 || !m ? undefined : m.renderConfigProblems(v, this.problems);
  }

  /** Checks the settings again (one of the properties declared as checked changed). */
  check(p: ConfigProperties): void {
    const seq = ++this.seq;
    this.withChecks((m) => {
      if (seq !== this.seq) return;
      this.settings = m.settingProblems(p);
      this.publish(m);
    });
  }

  /** The wedge listener refused its options: unknown ones, or nonsense numbers (`undefined`: it took them). */
  wedgeRefused(error: KaikuError | undefined): void {
    const invalid = error?.code === 'wedge-invalid-option' ? String(error.params['fields']).split(', ') : [];
    this.wedge = [
      ...((error as Partial<OptionsError> | undefined)?.issues ?? []).map((issue) => ({
        code: 'unknown-field' as const,
        setting: `wedgeOptions.${issue.path}`,
        ...(issue.suggestion ? { suggestion: `wedgeOptions.${issue.suggestion}` } : {}),
      })),
      ...invalid.map((field) => ({ code: 'config-invalid' as const, setting: `wedgeOptions.${field}` })),
    ];
    this.withChecks((m) => this.publish(m));
  }

  private checkAttributes(): void {
    this.withChecks((m) => {
      this.attributes = m.attributeProblems(this.host);
      this.publish(m);
    });
  }

  private withChecks(then: (m: Checks) => void): void {
    const m = checks.get();
    if (m) return then(m);
    checks.load().then(then, () => {
      // Unchecked settings are not taken as valid in silence: the host hears it; the next change tries again.
      this.host.dispatchEvent(new KaikuErrorEvent({ code: 'element-load-failed', stage: 'config' }));
    });
  }

  private publish(m: Checks): void {
    const found = [...this.settings, ...this.attributes, ...this.wedge];
    const key = (f: FoundProblem): string => `${f.code} ${f.setting}`;
    const fresh = found.filter((f) => !this.reported.has(key(f)));
    const changed = fresh.length > 0 || found.length !== this.reported.size;
    this.reported = new Set(found.map(key));
    if (!changed) return;
    this.problems = found.map((f) => m.withText(f));
    this.host.requestUpdate();
    for (const f of fresh)
      this.host.dispatchEvent(new KaikuErrorEvent({ code: f.code, stage: 'config', setting: f.setting }));
  }
}
