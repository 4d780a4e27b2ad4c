/**
 * `createReason` bound to one area's table: the same `{ code, params, message }` as the registry's `createReason`,
 * but a module that uses it pulls in only that table, not every area's texts in three languages (what keeps
 * `parseCardId` or the rules small in a page's bundle).
 */
import { renderAll, type LocalizedMessage, type MessageParams, type MessageTable } from './define.js';
import type { MessageCode, ParamsOf, RenderedReason } from './index.js';

/**
 * Makes a `createReason` for the codes of `table`.
 *
 * @example
 * const createReason = reasonFactory(cardIdMessages);
 * createReason('empty', {}).message.en; // 'The card ID is missing. …'
 */
export function reasonFactory<T extends MessageTable>(
  table: T,
): <C extends keyof T & MessageCode>(code: C, params: ParamsOf<C>) => RenderedReason<C> {
  return (code, params) => {
    const message = renderAll(
      table[code] as unknown as LocalizedMessage<MessageParams>,
      params as MessageParams,
    );
    return { code, params, message } as unknown as RenderedReason<typeof code>;
  };
}
