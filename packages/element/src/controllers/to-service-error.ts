import { apiMessageCode } from '@kaiku-scanner/core';
import type { LocalizedText, ServiceError } from './services.js';
import { elementMessages, UNEXPECTED } from './element-messages.js';
import { formatCoreMessage, isCoreMessageCode } from './core-messages.js';

const UNKNOWN: LocalizedText = UNEXPECTED;

/** Renders a code from the core registry in every language; unknown codes get a generic, actionable text. */
export function localize(code: string, params: Readonly<Record<string, unknown>> = {}): LocalizedText {
  const own = elementMessages[code];
  if (own) return own;
  if (!isCoreMessageCode(code)) {
    const alias = apiMessageCode(code);
    return alias && isCoreMessageCode(alias) ? localize(alias, params) : UNKNOWN;
  }
  const render = (l: 'fi' | 'sv' | 'en'): string => formatCoreMessage(code, params, l) ?? code;
  return { fi: render('fi'), sv: render('sv'), en: render('en') };
}

/** True when `code` has a text here (the element's own, the core's tables it carries, or an API alias of one). */
function knows(code: string): boolean {
  if (elementMessages[code] || isCoreMessageCode(code)) return true;
  const alias = apiMessageCode(code);
  return alias !== undefined && isCoreMessageCode(alias);
}

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
 * Any thrown value as a stable code plus text; never leaks the raw error message (it may hold a card ID). Codes of
 * areas whose tables the element does not carry (the camera's, loaded on demand) use the texts the error carries.
 */
export function toServiceError(e: unknown): ServiceError {
  // Structural check: any KaikuError (from any copy of the core) carries a string `code` and plain `params`.
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string') {
    const { code, params, problemCode } = e as {
      code: string;
      params?: Readonly<Record<string, unknown>>;
      problemCode?: unknown;
    };
    // A server problem (e.g. `card-not-registered`) is more telling than the transport's `problem`.
    const best = typeof problemCode === 'string' && problemCode !== '' ? problemCode : code;
    const carried = knows(best) ? undefined : carriedText(e);
    return { code: best, message: carried ?? localize(best, params ?? {}) };
  }
  return { code: 'unexpected', message: UNKNOWN };
}
