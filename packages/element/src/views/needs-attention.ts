import { html, nothing, type TemplateResult } from 'lit';
import type { AttentionItem } from '../services/types.js';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import type { ViewContext } from './view-context.js';

/** Queued usages the server refused: the card, the show, why, and a way to mark each handled or export them. */
export function renderNeedsAttention(
  { t, fmt, text, id }: ViewContext,
  items: readonly AttentionItem[],
  onResolve: (id: string) => void,
  onExport: () => void,
  /** Registers a refused group visit without its refused members (`AttentionItem.refusedMembers`). */
  onRegisterRest: (id: string) => void,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<details part="needs-attention" class="notice danger" open>
    <summary>${t.needsAttentionHeading(fmt.number(items.length))}</summary>
    <ul class="attention-list">
      ${items.map(
        (i) =>
          html`<li data-code=${i.reason.code}>
            <span><span class="mono">${id(i.cardId)}</span> · ${i.showName}: ${text(i.reason.message)}</span>
            ${
              i.refusedMembers
                ? html`<button type="button" class="primary" @click=${() => onRegisterRest(i.id)}>
                    ${text(fill(C.registerRest, i.refusedMembers.join(', ')))}
                  </button>`
                : nothing
            }
            <button
              type="button"
              aria-label="${t.resolveShort}: ${id(i.cardId)}"
              @click=${() => onResolve(i.id)}
            >
              ${t.resolveShort}
            </button>
          </li>`,
      )}
    </ul>
    <div class="actions">
      <button type="button" @click=${onExport}>${text(C.exportCsv)}</button>
    </div>
  </details>`;
}

/** Downloads the usage report; a failure goes to `onFailed`, never an unhandled rejection. */
export async function downloadCsv(
  exportCsv: () => Promise<string>,
  onFailed: (error: unknown) => Promise<void>,
  fileName = 'kaikukortti-usages.csv',
): Promise<void> {
  const csv = await Promise.resolve()
    .then(exportCsv)
    .catch((e: unknown) => onFailed(e).then(() => undefined));
  if (csv === undefined) return;
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
