import { html, type TemplateResult } from 'lit';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import type { ViewContext } from './view-context.js';
import type { LocalizedText } from '../services/types.js';

/** The next value for a key on a stepper bounded to 0…max, or undefined for any other key. */
export function nextStepValue(key: string, value: number, max: number): number | undefined {
  const next = /^[0-9]$/.test(key) ? Number(key) : STEPS.get(key)?.(value, max);
  return next === undefined ? undefined : Math.max(0, Math.min(max, next));
}

/** The keys that move a stepper, and where each moves it (digits set the value itself). */
const STEPS = new Map<string, (value: number, max: number) => number>([
  ['ArrowUp', (v) => v + 1],
  ['ArrowRight', (v) => v + 1],
  ['+', (v) => v + 1],
  ['ArrowDown', (v) => v - 1],
  ['ArrowLeft', (v) => v - 1],
  ['-', (v) => v - 1],
  ['Home', () => 0],
  ['End', (_, max) => max],
]);

export type StepperOptions = {
  readonly id: string;
  readonly label: string;
  readonly value: number;
  readonly max: number;
  readonly autofocus: boolean;
  readonly onChange: (value: number) => void;
  /** Enter on the stepper (confirms the usage). */
  readonly onEnter: () => void;
};

/** A spinbutton bounded by the rules; the −/+ buttons are for pointers only (one tab stop per count). */
export function renderStepper({ fmt, text }: ViewContext, o: StepperOptions): TemplateResult {
  // Focus stays on the count: Enter registers, Esc cancels, and a button disabled at its bound drops no focus.
  const step = (e: Event, value: number): void => {
    (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>('[role=spinbutton]')?.focus();
    o.onChange(Math.max(0, Math.min(o.max, value)));
  };
  const onKey = (e: KeyboardEvent): void => {
    const next = nextStepValue(e.key, o.value, o.max);
    if (next !== undefined) {
      e.preventDefault();
      o.onChange(next);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      o.onEnter();
    }
  };
  const button = (sign: string, name: LocalizedText, to: number, disabled: boolean) =>
    html`<button
      type="button"
      tabindex="-1"
      aria-label=${text(fill(name, o.label))}
      ?disabled=${disabled}
      @click=${(e: Event) => step(e, to)}
    >
      ${sign}
    </button>`;
  return html`<div class="stepper">
    <span class="stepper-label" id="${o.id}-label"
      >${o.label} <span class="muted">(${text(fill(C.childLimit, fmt.number(o.max)))})</span></span
    >
    <span class="stepper-controls">
      ${button('−', C.decrease, o.value - 1, o.value <= 0)}
      <span
        class="stepper-value"
        id="${o.id}-value"
        role="spinbutton"
        tabindex="0"
        aria-labelledby="${o.id}-label"
        aria-valuemin="0"
        aria-valuemax=${o.max}
        aria-valuenow=${o.value}
        aria-valuetext=${fmt.number(o.value)}
        ?data-autofocus=${o.autofocus}
        @keydown=${onKey}
        >${fmt.number(o.value)}</span
      >
      ${button('+', C.increase, o.value + 1, o.value >= o.max)}
    </span>
  </div>`;
}
