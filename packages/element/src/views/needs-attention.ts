import { html, nothing, type TemplateResult } from 'lit';
import type { AttentionItem, ConflictItem, ScannerServices } from '../services/types.js';
import type { SyncFollow } from '../flow/sync.js';
import { CARD_TEXTS as C, fill } from './card-texts.js';
import type { ViewContext } from './view-context.js';
import { saveFile } from './register-panel.js';

/**
 * The lists staff must act on: queued usages the server refused, and this terminal's usages another terminal
 * admitted too; each action runs through `sync.act` (its failure is said on screen).
 */
export function renderAttention(
  v: ViewContext,
  sync: Pick<SyncFollow, 'state' | 'act'>,
  svc: ScannerServices,
  exportCsv: () => Promise<string>,
): TemplateResult {
  const resolve = (id: string) => void sync.act(() => svc.resolveAttention(id));
  const onExport = () => void downloadCsv(exportCsv, (e) => sync.act(() => Promise.reject(e)));
  const onRest = (id: string) => void sync.act(async () => svc.registerRest?.(id));
  return html`${renderNeedsAttention(v, sync.state.needsAttention, resolve, onExport, onRest)}
  ${renderConflicts(v, sync.state.conflicts ?? [], resolve)}`;
}

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
            <span
              ><span class="mono">${id(i.cardId)}</span> · ${i.showName}: ${text(i.reason.message)}
              ${i.reason.code === 'already-used' ? html`<strong>${text(C.conflictHere)}</strong>` : nothing}</span
            >
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

/**
 * This terminal's usages another terminal admitted too during a network split: the card, the show, where and when
 * the other admission was, and a way to mark each seen. Already-used refusals of this terminal's own waiting usages
 * are the other side of the same conflict, in the needs-attention list.
 */
export function renderConflicts(
  { text, fmt, id }: ViewContext,
  items: readonly ConflictItem[],
  onSeen: (id: string) => void,
): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<details part="conflicts" class="notice danger" open>
    <summary>${text(fill(C.conflictsHeading, fmt.number(items.length)))}</summary>
    <ul class="attention-list">
      ${items.map(
        (c) =>
          html`<li data-code="conflict">
            <span
              ><span class="mono">${id(c.cardId)}</span> · ${c.showName}:
              ${text(fill(C.conflictItem, c.terminal ?? text(C.conflictElsewhere), fmt.dateTime(c.at)))}</span
            >
            <button
              type="button"
              aria-label="${text(C.conflictSeen)}: ${id(c.cardId)}"
              @click=${() => onSeen(c.id)}
            >
              ${text(C.conflictSeen)}
            </button>
          </li>`,
      )}
    </ul>
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
  if (csv !== undefined) saveFile(csv, 'text/csv;charset=utf-8', fileName);
}
