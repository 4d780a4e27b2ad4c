/**
 * Stored records are data, not orders: every record the outbox writes carries a seal, a keyed SHA-256 over what
 * decides where, what and whether it is sent (ID = idempotency key, target, state, acceptance, confirmation time,
 * usage). A record whose seal does not match was changed outside the outbox — another card or show written in,
 * a pending usage flipped to `synced`, a seal stripped — and is read as needs attention (`record-tampered`): never
 * sent, never purged, and never retried (staff may only record it manually or dismiss it).
 *
 * The key is 256 random bits kept in the outbox's own database, so records written in an earlier session (or
 * tab) still sync. Its limit, stated in docs/threat-model.md: any script of the page's origin can read that key
 * and seal a forged record. The seal catches whatever edits records without also re-sealing them; nothing in the
 * page can stop a script that copies the SDK's own steps. The hash is plain JavaScript and synchronous, so the
 * seal is checked and written inside the same IndexedDB transaction as the record (Web Crypto is asynchronous, which
 * would end the transaction, and missing on plain-http pages); a non-extractable Web Crypto key would be no
 * safer: a script can use one without extracting it.
 */
import { sha256Hex } from '../reports/sha256.js';
import type { OutboxRecord } from './types.js';

/** The needs-attention code of a record whose seal does not match. */
export const RECORD_TAMPERED = 'record-tampered';

/** Where the seal key lives in the outbox's object store (beside `u:` records, `c:` cards, `t:` tallies). */
export const SEAL_KEY = 'k:seal';

const covered = (r: OutboxRecord): string =>
  JSON.stringify([r.id, r.target ?? null, r.state, r.acceptance, r.createdAt, r.usage]);

/** HMAC-style nesting (the key before the data, twice), so a seal cannot be extended to other content. */
const sealOf = (key: string, r: OutboxRecord): string => sha256Hex(key + sha256Hex(key + covered(r)));

/** The record with its seal for `key`. */
export function sealed(key: string, r: OutboxRecord): OutboxRecord {
  return { ...r, seal: sealOf(key, r) };
}

/** The record as stored, or, when its seal does not match, a needs-attention copy (`record-tampered`). */
export function checked(key: string, r: OutboxRecord): OutboxRecord {
  if (r.seal === sealOf(key, r)) return r;
  return { ...r, state: 'needs-attention', problem: { code: RECORD_TAMPERED } };
}

/** A fresh seal key: 256 bits from `crypto.getRandomValues` (there in every context), as hex. */
export function newSealKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
