/**
 * Every I/O failure of the SDK (network, HTTP, schema, storage, camera, input) is a `KaikuError`
 * with a stable `code`; the original error, when there is one, is in `cause`.
 * Pure functions never throw: they return `{ ok: false, … }` instead.
 */

const BRAND = Symbol.for('kaiku-scanner.KaikuError');

export type KaikuErrorOptions = {
  readonly cause?: unknown;
  /** Plain, non-personal data for the localized message (never a token; a card ID only where needed). */
  readonly params?: Readonly<Record<string, string | number | boolean | undefined>>;
};

export class KaikuError extends Error {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number | boolean | undefined>>;

  constructor(code: string, message: string, options: KaikuErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KaikuError';
    this.code = code;
    this.params = options.params ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for a `KaikuError` from any copy of the SDK or any realm (iframe, worker message rebuilt as an error).
 *
 * @example
 * try { await client.lookupCard(id); } catch (e) { if (isKaikuError(e)) show(e.code); }
 */
export function isKaikuError(value: unknown): value is KaikuError {
  return (
    typeof value === 'object' && value !== null && (value as Record<PropertyKey, unknown>)[BRAND] === true
  );
}
