/** Every I/O failure of the SDK is a `KaikuError` with a stable `code`; pure functions return `{ ok: false }`. */

const BRAND = Symbol.for('kaiku-scanner.KaikuError');

/** Options of `KaikuError`: the original error (`cause`) and the message's parameters. */
export type KaikuErrorOptions = {
  /** The error this one wraps (a `DOMException`, a `TypeError` from `fetch`, …). */
  readonly cause?: unknown;
  /** Plain, non-personal data for the localized message (never a token; a card ID only where needed). */
  readonly params?: Readonly<Record<string, string | number | boolean | undefined>>;
};

/**
 * The base class of every error the SDK throws: a stable `code`, plain `params` and the original in `cause`;
 * `message` is English for developers (show `localize(error, locale)`).
 */
export class KaikuError extends Error {
  /** The stable code, e.g. `network`, `storage-quota`, `camera-denied`. */
  readonly code: string;
  /** Plain parameters of the code's text (no personal data). */
  readonly params: Readonly<Record<string, string | number | boolean | undefined>>;

  constructor(code: string, message: string, options: KaikuErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KaikuError';
    this.code = code;
    this.params = options.params ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for a `KaikuError` from any copy of the SDK or any realm (iframe, worker message rebuilt as an error). */
export function isKaikuError(value: unknown): value is KaikuError {
  return (
    typeof value === 'object' && value !== null && (value as Record<PropertyKey, unknown>)[BRAND] === true
  );
}

/**
 * Runs a host callback: an exception in it is reported to the page (`reportError`), never breaks the listener or the
 * camera loop that called it.
 */
export function callHost<T>(callback: ((value: T) => void) | undefined, value: T): void {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    if (typeof reportError === 'function') reportError(error);
    else
      setTimeout(() => {
        throw error;
      });
  }
}
