import type { Translation } from '../translations/index.js';
import type { Formatter } from '../format.js';
import type { LocalizedText, TicketRequest } from '../services/types.js';
import type { MessageParams } from '@kaiku-scanner/core/base';
import { CARD_TEXTS, fill } from './card-texts.js';

/** What every view function needs: the UI strings, Intl formatting, and a core message in the current language. */
export type ViewContext = {
  readonly t: Translation;
  readonly fmt: Formatter;
  readonly text: (message: LocalizedText) => string;
  /** A late code's text (`lateText`), in the registry's words. */
  readonly late: (code: string, params?: MessageParams) => LocalizedText | undefined;
  /** A card ID as the screen shows it: whole, or only its last four characters in privacy mode (`maskCardId`). */
  readonly id: (cardId: string) => string;
};

/** "Adults 1, children 2": the card holder plus group members are adults; children plus under-16 clients are not. */
export function ticketSummary({ text, fmt }: ViewContext, r: TicketRequest): string {
  return text(
    fill(CARD_TEXTS.tickets, fmt.number(1 + r.groupCardIds.length), fmt.number(r.children + r.under16)),
  );
}
