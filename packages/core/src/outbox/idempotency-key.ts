/** Which source of randomness made the keys: `crypto.randomUUID` exists only in secure contexts. */
export type KeySource = 'random-uuid' | 'get-random-values';

/** The key source available here (plain http:// intranet pages lack `randomUUID`). */
export function detectKeySource(cryptoImpl: Crypto | undefined = globalThis.crypto): KeySource {
  return typeof cryptoImpl?.randomUUID === 'function' ? 'random-uuid' : 'get-random-values';
}

/** A v4 UUID (record ID and idempotency key); `getRandomValues` where `randomUUID` is missing. */
export function newIdempotencyKey(cryptoImpl: Crypto | undefined = globalThis.crypto): string {
  if (detectKeySource(cryptoImpl) === 'random-uuid') return (cryptoImpl as Crypto).randomUUID();
  if (!cryptoImpl) throw new TypeError('crypto.getRandomValues is unavailable');
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = hexOf(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Bytes as lower-case hex. */
export const hexOf = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
