import { html, type TemplateResult } from 'lit';
import type { ConfigProblem } from '../services/config-check.js';
import type { ViewContext } from './view-context.js';

/**
 * In place of the scanning controls while a setting cannot be used: which one, and that cards wait for the fix.
 * A static alert region, so screen readers announce it once, not at each render.
 */
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
