import { html, nothing, type TemplateResult } from 'lit';
import type { AttentionItem } from '../controllers/services.js';
import type { ViewContext } from './view-context.js';

/** Queued usages the server refused: the card, the show, why, and a way to mark each handled or export them. */
export function renderNeedsAttention(
  { t, fmt, text }: ViewContext,
  items: readonly AttentionItem[],
  onResolve: (id: string) => void,
  onExport: () => void,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<details part="needs-attention" class="notice danger" open>
    <summary>${t.needsAttentionHeading(fmt.number(items.length))}</summary>
    <ul>
      ${items.map(
        (i) =>
          html`<li data-code=${i.reason.code}>
            <span class="mono">${i.cardId}</span> · ${i.showName}: ${text(i.reason.message)}
            <button type="button" aria-label=${t.resolve(i.cardId)} @click=${() => onResolve(i.id)}>
              ${t.resolveShort}
            </button>
          </li>`,
      )}
    </ul>
    <div class="actions">
      <button type="button" @click=${onExport}>${t.exportCsv}</button>
    </div>
  </details>`;
}
