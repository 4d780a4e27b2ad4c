import { apiMessageCode } from '@kaiku-scanner/core';
import type { LocalizedText, ServiceError } from './services.js';
import { elementMessages, UNEXPECTED } from './element-messages.js';
import { lateElementMessages } from './element-late-messages.js';
import { formatCoreMessage, isCoreMessageCode } from './core-messages.js';
import { toServiceErrorWith, type TextOf } from './service-error.js';

/** Renders a code from the core registry in every language; unknown codes get a generic, actionable text. */
export function localize(code: string, params: Readonly<Record<string, unknown>> = {}): LocalizedText {
  return textOf(code, params) ?? UNEXPECTED;
}

/** Every text the element knows: its own, the core's tables it carries, or an API alias of one of them. */
const textOf: TextOf = (code, params) => {
  const own = elementMessages[code] ?? lateElementMessages[code];
  if (own) return own;
  if (!isCoreMessageCode(code)) {
    const alias = apiMessageCode(code);
    return alias && isCoreMessageCode(alias) ? textOf(alias, params) : undefined;
  }
  const render = (l: 'fi' | 'sv' | 'en'): string => formatCoreMessage(code, params, l) ?? code;
  return { fi: render('fi'), sv: render('sv'), en: render('en') };
};

/**
 * Any thrown value as a stable code plus text; never leaks the raw error message (it may hold a card ID). Codes of
 * areas whose tables the element does not carry (the camera's, loaded on demand) use the texts the error carries.
 */
export function toServiceError(e: unknown): ServiceError {
  return toServiceErrorWith(e, textOf);
}
