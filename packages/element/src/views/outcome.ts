import { html, nothing, type TemplateResult } from 'lit';
import type { ServiceError } from '../services/types.js';
import type { ViewContext } from './view-context.js';
import type { VerdictBanner } from './verdict.js';

/** A busy line (looking up, registering); focusable so focus has somewhere to be meanwhile. */
export function renderBusy(text: string): TemplateResult {
  return html`<div class="row" tabindex="-1" data-autofocus>
    <span class="spinner" aria-hidden="true"></span>
    <p>${text}</p>
  </div>`;
}

/**
 * An error in plain language, with "try again" when retrying can help; a refusal (unregistered card) is headed as
 * one. `verdict`: the results' banner, once its code is in (it loads with the card panel); the plain notice until.
 */
export function renderError(
  { t, text }: ViewContext,
  error: ServiceError,
  canRetry: boolean,
  onRetry: () => void,
  onNext: () => void,
  refusal = false,
  verdict?: (b: VerdictBanner) => TemplateResult,
): TemplateResult {
  const heading = refusal ? t.refusedHeading : t.errorHeading;
  const body = html`<p>${text(error.message)}</p>`;
  return html`${
      verdict
        ? verdict({
            verdict: refusal ? 'refused' : 'attention',
            heading,
            body,
            part: 'error',
            code: error.code,
          })
        : html`<div part="error" class="notice danger" data-code=${error.code}>
            <h3>${heading}</h3>
            ${body}
          </div>`
    }
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
