import { html, nothing, type TemplateResult } from 'lit';
import type { ServiceError } from '../services/types.js';
import { ticketSummary, type ViewContext } from './view-context.js';
import type { Phase } from '../flow/phase.js';

/** A busy line (looking up, registering); focusable so focus has somewhere to be meanwhile. */
export function renderBusy(text: string): TemplateResult {
  return html`<div class="row" tabindex="-1" data-autofocus>
    <span class="spinner" aria-hidden="true"></span>
    <p>${text}</p>
  </div>`;
}

/**
 * Registered; or queued offline with its badge; or queued and later refused by Kaikukanta (with the reason, and
 * where to settle it). Then "next customer" (Enter).
 */
export function renderResult(
  v: ViewContext,
  done: Extract<Phase, { name: 'done' }>,
  onNext: () => void,
): TemplateResult {
  const { t, text } = v;
  const { outcome, cardId, request, reason } = done;
  const tone = outcome === 'registered' ? 'ok' : outcome === 'queued' ? 'warn' : 'danger';
  const heading =
    outcome === 'registered'
      ? t.registeredHeading
      : outcome === 'queued'
        ? t.queuedHeading
        : t.refusedLaterHeading;
  return html`<div part="result" class="notice ${tone}" data-outcome=${outcome}>
      <h3>${heading}</h3>
      ${
        outcome === 'queued'
          ? html`<p><span part="queued-badge" class="badge warn">${t.queuedBadge}</span></p>`
          : nothing
      }
      <p><span class="mono">${cardId}</span> · ${ticketSummary(v, request)}</p>
      ${outcome === 'queued' ? html`<p>${t.queuedDetail}</p>` : nothing}
      ${
        outcome === 'refused-later'
          ? html`${reason ? html`<p>${text(reason.message)}</p>` : nothing}
              <p>${t.refusedLaterDetail}</p>`
          : nothing
      }
    </div>
    <div class="actions">
      <button class="primary" type="button" data-autofocus @click=${onNext}>${t.nextCustomer}</button>
    </div>`;
}

/** An error in plain language, with "try again" when retrying can help; a refusal (unregistered card) is headed as one. */
export function renderError(
  { t, text }: ViewContext,
  error: ServiceError,
  canRetry: boolean,
  onRetry: () => void,
  onNext: () => void,
  refusal = false,
): TemplateResult {
  return html`<div part="error" class="notice danger" data-code=${error.code}>
      <h3>${refusal ? t.refusedHeading : t.errorHeading}</h3>
      <p>${text(error.message)}</p>
    </div>
    <div class="actions">
      ${
        canRetry
          ? html`<button class="primary" type="button" data-autofocus @click=${onRetry}>
              ${t.tryAgain}
            </button>`
          : nothing
      }
      <button class=${canRetry ? '' : 'primary'} type="button" ?data-autofocus=${!canRetry} @click=${onNext}>
        ${t.nextCustomer}
      </button>
    </div>`;
}
