import { cardIdMessages, wedgeListenerMessages } from '@kaiku-scanner/core/wedge';
import type { LocalizedText, ServiceError } from './services.js';
import { elementMessages, UNEXPECTED } from './element-messages.js';

type Params = Readonly<Record<string, unknown>>;
type Text = { readonly [L in keyof LocalizedText]: (params: Params) => string };

/** Renders a code to every language, or undefined when this renderer has no text for it. */
export type TextOf = (code: string, params: Params) => LocalizedText | undefined;

/** The texts an error carries itself in every language (`CameraError.text`), when well-formed. */
function carriedText(e: object): LocalizedText | undefined {
  const text = (e as { text?: unknown }).text;
  if (typeof text !== 'object' || text === null) return undefined;
  const { fi, sv, en } = text as Record<string, unknown>;
  return typeof fi === 'string' && typeof sv === 'string' && typeof en === 'string'
    ? { fi, sv, en }
    : undefined;
}

/**
 * Any thrown value as a stable code plus text, rendered by `textOf`; never leaks the raw error message (it may hold
 * a card ID). A code `textOf` does not know uses the texts the error carries (camera errors), else a generic text.
 */
export function toServiceErrorWith(e: unknown, textOf: TextOf): ServiceError {
  // Structural check: any KaikuError (from any copy of the core) carries a string `code` and plain `params`.
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') {
    const { code, params, problemCode } = e as { code: string; params?: Params; problemCode?: unknown };
    // A server problem (e.g. `card-not-registered`) is more telling than the transport's `problem`.
    const best = typeof problemCode === 'string' && problemCode !== '' ? problemCode : code;
    return { code: best, message: textOf(best, params ?? {}) ?? carriedText(e) ?? UNEXPECTED };
  }
  return { code: 'unexpected', message: UNEXPECTED };
}

/**
 * The texts the first download carries: the element's own codes and the core's card-ID and wedge codes (the
 * parser and the wedge listener are in it anyway). The rules', API's and outbox's texts come with the services.
 */
export const initialText: TextOf = (code, params) => {
  const own = elementMessages[code];
  if (own) return own;
  for (const table of [cardIdMessages, wedgeListenerMessages] as ReadonlyArray<
    Readonly<Record<string, unknown>>
  >)
    if (Object.prototype.hasOwnProperty.call(table, code)) {
      const text = table[code] as Text;
      return { fi: text.fi(params), sv: text.sv(params), en: text.en(params) };
    }
  return undefined;
};

/** What `toServiceErrorWith` gives before the services' texts have loaded. */
export function toInitialServiceError(e: unknown): ServiceError {
  return toServiceErrorWith(e, initialText);
}
