import { html, type TemplateResult } from 'lit';
import type { CapState } from '../services/types.js';
import type { ViewContext } from './view-context.js';

/**
 * Tickets given and left for the show. An SVG bar (its width is an attribute, not an inline style, so a
 * `style-src 'self'` policy holds) with role="meter" and a text equivalent.
 */
export function renderCapMeter({ t, fmt }: ViewContext, cap: CapState | undefined): TemplateResult {
  // Never fetched: say so rather than show this terminal's own usages as the count (or "no cap" as a fact).
  if (!cap || cap.unknown) {
    return html`<div part="cap-meter" class="meter" data-known="false">
      <span>${t.capMeterLabel}</span>
      <span class="muted">${t.capUnknown(cap?.cap == null ? undefined : fmt.number(cap.cap))}</span>
    </div>`;
  }
  if (cap.cap === null) {
    return html`<div part="cap-meter" class="meter">
      <span class="muted">${t.capNone}</span>
    </div>`;
  }
  const left = Math.max(0, cap.cap - cap.given);
  const pct = cap.cap === 0 ? 100 : Math.min(100, Math.round((cap.given / cap.cap) * 100));
  const given = t.capGiven(fmt.number(cap.given), fmt.number(cap.cap));
  return html`<div part="cap-meter" class="meter">
    <span id="cap-label">${t.capMeterLabel}</span>
    <svg
      class="meter-bar"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="meter"
      aria-labelledby="cap-label"
      aria-valuemin="0"
      aria-valuemax=${cap.cap}
      aria-valuenow=${Math.min(cap.given, cap.cap)}
      aria-valuetext=${`${given}, ${t.capLeft(fmt.number(left))}`}
    >
      <rect class="meter-fill ${left === 0 ? 'full' : ''}" width=${pct} height="10"></rect>
    </svg>
    <span>${given} · <strong>${t.capLeft(fmt.number(left))}</strong></span>
  </div>`;
}
