// The settings' checks and problem texts, loaded on demand by `ConfigController`; show settings go through the
// rules' own `checkShowSettings`, their problems naming the setting as the host spelt it.
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { SHOW_KINDS, checkShowSettings } from '@kaiku-scanner/core';
import type { KaikuError, OptionsError } from '@kaiku-scanner/core/base';
import { CHANNELS, USAGE_MODES, suggestField, TerminalNameSchema } from '@kaiku-scanner/core/contract';
import type { OfflinePolicy } from '@kaiku-scanner/core/outbox';
import { serviceMessages } from '../messages/late-texts.js';
import { render } from '../messages/index.js';
import type { LocalizedText } from './types.js';
import type { ShowProperties } from './show-from-properties.js';
import type { ViewContext } from '../views/view-context.js';
import type { KaikuErrorDetail } from '../events.js';
import type { KaikuScanner } from '../kaiku-scanner.component.js';

/** A setting the element cannot use: `setting` as the host spells it, `message` for staff in every language. */
export type ConfigProblem = {
  readonly code: FoundProblem['code'];
  readonly setting: string;
  readonly message: LocalizedText;
};

/** `values` when they are every value of the type `T`: a value added to the type and not here does not compile. For
 * the sets whose list is not imported: the theme (the property's own type), the offline policy (importing
 * `@kaiku-scanner/core/outbox` here splits a shared chunk out of the first load: +64 B gz). */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & (Exclude<T, A[number]> extends never ? unknown : never)): A =>
    values;

/** Where usages are recorded (`Registry`, the `registry` setting): every value, the type's source. */
export const REGISTRIES = ['kaikukanta', 'none', 'venue'] as const;

/** The settings with a fixed set of values: property, attribute, values (each set's own list, its type's source). */
const CHOICES = [
  ['mode', 'mode', USAGE_MODES],
  ['channel', 'channel', CHANNELS],
  ['theme', 'theme', every<KaikuScanner['theme']>()(['auto', 'light', 'dark'])],
  ['offlinePolicy', 'offline-policy', every<OfflinePolicy>()(['accept-provisionally', 'refuse'])],
  ['registry', 'registry', REGISTRIES],
] as const;
/** Durations in ms (unset: the default). */
const DURATIONS = [
  ['retentionMs', 'retention-ms'],
  ['cardCacheTtlMs', 'card-cache-ttl-ms'],
] as const;

/** The element's properties checked here (the show's through the core's schema). */
export type ConfigProperties = ShowProperties & {
  readonly [
    K in (typeof CHOICES)[number][0] | (typeof DURATIONS)[number][0] | 'terminalName' | 'baseUrl' | 'services'
  ]: unknown;
};

/** Every problem of the settings: a value outside its set, a duration not in ms, the show per the core's schema. */
export function settingProblems(p: ConfigProperties): FoundProblem[] {
  const found: FoundProblem[] = [];
  for (const [key, setting, values] of CHOICES) {
    const value = p[key];
    if (value !== undefined && value !== null && !(values as readonly string[]).includes(value as string))
      found.push({ code: 'config-invalid', setting, expected: values.join(', ') });
  }
  for (const [key, setting] of DURATIONS) {
    const value = p[key];
    const ms = typeof value === 'number' && value >= 0 && value < Infinity;
    if (value !== undefined && value !== null && !ms)
      found.push({ code: 'config-invalid', setting, expected: '3600000' });
  }
  // Sent with every usage: a name Kaikukanta refuses (over 40 characters, control characters) would refuse them all.
  // A register is one terminal's: without its name there is nothing to keep the usages under or to name in the file.
  // A venue's register server keeps several terminals' usages: it says where a card was used by this name.
  const own = p.registry === 'none' || p.registry === 'venue';
  if (p.terminalName ? !TerminalNameSchema.safeParse(p.terminalName).success : own)
    found.push({ code: 'config-invalid', setting: 'terminal-name', expected: 'Kassa 2' });
  // The venue's register is an API at an address of the venue's: without one, the setting to fix is named.
  if (p.registry === 'venue' && !p.baseUrl && !p.services)
    found.push({ code: 'config-invalid', setting: 'base-url', expected: 'http://register.example:8787/' });
  return [...found, ...showConfigProblems(p)];
}

/** What the page and other libraries put on any element (global attributes, frameworks' markers): never ours. */
const OTHERS = /^(data-|aria-|on[a-z]+$|ng-|_ng|v-|x-|hx-|[^a-z])/;
const GLOBAL = new Set(
  (
    'id class style title slot part hidden tabindex dir role is name inert nonce popover translate draggable ' +
    'spellcheck accesskey autofocus contenteditable enterkeyhint exportparts inputmode autocapitalize autocorrect ' +
    'itemid itemprop itemref itemscope itemtype xmlns writingsuggestions virtualkeyboardpolicy anchor key ref'
  ).split(' '),
);

/** Attributes not `element`'s own but one misspelt (`showcap`, `show_cap`, a typo, part or family of one); global,
 * `data-*`, `aria-*`, event-handler and framework attributes are left alone. */
export function attributeProblems(element: Element): FoundProblem[] {
  const own = (element.constructor as unknown as { observedAttributes: readonly string[] })
    .observedAttributes;
  const names = element.getAttributeNames().filter((name) => !own.includes(name));
  const squash = (name: string): string => name.replace(/[-_]/g, '');
  // Families by first and last word: `show-price` like `show-cap`, `worker-url` (a property only) like `base-url`.
  const hyphened = own.filter((o) => o.includes('-'));
  const families = hyphened.map((o) => o.split('-')[0] + '-');
  const kinds = hyphened.map((o) => '-' + o.split('-').pop()!);
  return names.flatMap((name): FoundProblem[] => {
    if (OTHERS.test(name) || GLOBAL.has(name)) return [];
    const suggestion = own.find((o) => squash(o) === squash(name)) ?? suggestField(name, own);
    if (suggestion) return [{ code: 'unknown-field', setting: name, suggestion }];
    const family = families.some((f) => name.startsWith(f)) || kinds.some((k) => name.endsWith(k));
    return family ? [{ code: 'unknown-field', setting: name }] : [];
  });
}

/** A problem with its text in every language. */
export function withText(found: FoundProblem): ConfigProblem {
  const { code, setting } = found;
  const m = serviceMessages[code === 'unknown-field' ? 'config-unknown-field' : 'config-invalid'];
  const p = { setting, suggestion: found.suggestion, expected: found.expected };
  return { code, setting, message: render(m, p) };
}

/** A problem found, before its text: `setting` as the host spells it. */
export type FoundProblem = {
  readonly code: 'config-invalid' | 'unknown-field';
  readonly setting: string;
  readonly expected?: string;
  readonly suggestion?: string;
};

/** What a valid value looks like, for the settings where an example helps. */
const EXAMPLES: Readonly<Record<string, string>> = {
  start: '2030-03-01T19:00:00+02:00',
  kind: SHOW_KINDS.join(', '),
  cap: '0, 1, 2 …',
  seats: '0, 1, 2 …',
};

function problemsOf(show: unknown, settingOf: (field: string) => string): FoundProblem[] {
  const result = checkShowSettings(show);
  if (result.ok) return [];
  return result.reasons.map((r) => {
    const field = String(r.params.path ?? '');
    const top = field.split('.')[0] ?? field;
    if (r.code === 'unknown-field') {
      const suggestion = r.params.suggestion;
      return {
        code: 'unknown-field',
        setting: settingOf(field),
        ...(typeof suggestion === 'string' ? { suggestion: settingOf(suggestion) } : {}),
      };
    }
    const expected = EXAMPLES[top];
    return { code: 'config-invalid', setting: settingOf(field), ...(expected ? { expected } : {}) };
  });
}

/** The problems of each `shows` entry, else of the `show-*` attributes if any is set (no show is no error yet). */
export function showConfigProblems(p: ShowProperties): FoundProblem[] {
  if (!Array.isArray(p.shows)) return [{ code: 'config-invalid', setting: 'shows' }];
  if (p.shows.length > 0)
    return p.shows.flatMap((show, i) => problemsOf(show, (field) => `shows[${i}].${field}`));
  if (!p.showId && !p.showName && !p.showStart) return [];
  const show: Record<string, unknown> = { kind: p.showKind, start: p.showStart };
  if (p.showId) show.id = p.showId;
  if (p.showName) show.name = p.showName;
  if (p.showCap !== undefined && p.showCap !== null) show.cap = p.showCap;
  if (p.showSeats !== undefined && p.showSeats !== null) show.seats = p.showSeats;
  // Each setting's attribute is `show-` and its name (`cap` → `show-cap`); only these keys are set above.
  return problemsOf(show, (field) => `show-${field}`);
}

/** In place of the scanning controls while a setting is unusable; a static alert, announced once, not per render. */
export function renderConfigProblems(v: ViewContext, problems: readonly ConfigProblem[]): TemplateResult {
  return html`<div part="config-error" class="notice danger config" role="alert">
    <h3>${v.t.configHeading}</h3>
    <ul>
      ${problems.map(
        (p) => html`<li data-code=${p.code} data-setting=${p.setting}>${v.text(p.message)}</li>`,
      )}
    </ul>
  </div>`;
}

/**
 * The settings' problems as `ConfigController` found them (it loads this module for it): in place of the scanning
 * controls while there are any, each reported once (`kaiku-error`, stage `config`) as it appears.
 */
export class SettingsCheck {
  private settingsFound: readonly FoundProblem[] = [];
  private attributesFound: readonly FoundProblem[] = [];
  private reported = new Set<string>();
  problems: readonly ConfigProblem[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** The wedge listener's last refusal of its options (`undefined`: it took them). */
    private readonly wedgeError: () => KaikuError | undefined,
    /** Reports a problem (`kaiku-error`). */
    private readonly report: (detail: KaikuErrorDetail) => void,
  ) {}

  /** No problem outside the wedge options (the wedge controller checks those again itself). */
  get settingsOk(): boolean {
    return this.settingsFound.length + this.attributesFound.length === 0;
  }

  render(v: ViewContext): TemplateResult | undefined {
    return this.problems.length === 0 ? undefined : renderConfigProblems(v, this.problems);
  }

  settings(p: ConfigProperties): void {
    this.settingsFound = settingProblems(p);
    this.publish();
  }

  attributes(element: Element): void {
    this.attributesFound = attributeProblems(element);
    this.publish();
  }

  /** The problems of the wedge options: unknown ones, or nonsense numbers. */
  private wedge(): FoundProblem[] {
    const error = this.wedgeError();
    const invalid = error?.code === 'wedge-invalid-option' ? String(error.params['fields']).split(', ') : [];
    return [
      ...((error as Partial<OptionsError> | undefined)?.issues ?? []).map((issue) => ({
        code: 'unknown-field' as const,
        setting: `wedgeOptions.${issue.path}`,
        ...(issue.suggestion ? { suggestion: `wedgeOptions.${issue.suggestion}` } : {}),
      })),
      ...invalid.map((field) => ({ code: 'config-invalid' as const, setting: `wedgeOptions.${field}` })),
    ];
  }

  /** Shows what is found now and reports what is new (a render when anything changed). */
  publish(): void {
    const found = [...this.settingsFound, ...this.attributesFound, ...this.wedge()];
    const key = (f: FoundProblem): string => `${f.code} ${f.setting}`;
    const fresh = found.filter((f) => !this.reported.has(key(f)));
    const changed = fresh.length > 0 || found.length !== this.reported.size;
    this.reported = new Set(found.map(key));
    if (!changed) return;
    this.problems = found.map((f) => withText(f));
    this.host.requestUpdate();
    for (const f of fresh) this.report({ code: f.code, stage: 'config', setting: f.setting });
  }
}
