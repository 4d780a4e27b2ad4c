/**
 * Stored records are data, not orders: every record the outbox writes carries a seal, a keyed SHA-256 over what
 * decides where, what and whether it is sent; one that does not match was changed outside the outbox and reads as
 * needs attention (`record-tampered`). The key is in the outbox's database (earlier sessions still sync), so a script
 * that reads it can forge a seal: docs/outbox.md ("Stored records") and docs/threat-model.md say why this scheme
 * (synchronous, inside the record's own transaction, also on plain-http pages) and what it cannot stop.
 */
import { sha256Hex } from '../sha256.js';
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
