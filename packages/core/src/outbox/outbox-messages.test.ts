import { describe, expect, it } from 'vitest';
import { outboxMessages } from '../messages/outbox.js';
import { isKaikuError } from '../errors/kaiku-error.js';
import { OutboxError, toStorageError } from './outbox-error.js';

const params = { id: 'rec-1', reason: 'card-inactive', fields: 'childTickets' };

describe('outbox messages', () => {
  it('has a distinct, non-empty text in fi, sv and en for every code, with its parameters', () => {
    for (const [code, message] of Object.entries(outboxMessages)) {
      const texts = (['fi', 'sv', 'en'] as const).map((l) =>
        (message[l] as (p: typeof params) => string)(params),
      );
      expect(new Set(texts).size, code).toBe(3);
      for (const t of texts) expect(t.length, code).toBeGreaterThan(10);
      // A clerk reads these: a record's ID (a UUID) is nothing to them (issue 45.2).
      for (const t of texts) expect(t, code).not.toContain('rec-1');
    }
    expect(outboxMessages['needs-attention'].fi(params)).toContain('card-inactive');
    expect(outboxMessages['invalid-usage'].en(params)).toContain('childTickets');
  });
});

describe('OutboxError', () => {
  it('is a KaikuError with a stable code and the English text', () => {
    const e = new OutboxError('storage-quota');
    expect(isKaikuError(e)).toBe(true);
    expect(e.code).toBe('storage-quota');
    expect(e.message).toMatch(/storage is full/);
    expect(new OutboxError('void-unverified', { params: { id: 'x1' } }).message).not.toContain('x1');
  });

  it('maps what IndexedDB throws to storage codes', () => {
    const dom = (name: string) => Object.assign(new Error(name), { name });
    expect(toStorageError(dom('QuotaExceededError')).code).toBe('storage-quota');
    expect(toStorageError(new Error('The quota has been exceeded.')).code).toBe('storage-quota');
    for (const n of ['SecurityError', 'InvalidStateError', 'NotFoundError', 'VersionError']) {
      expect(toStorageError(dom(n)).code).toBe('storage-unavailable');
    }
    expect(toStorageError(dom('UnknownError')).code).toBe('storage-failed');
    const same = new OutboxError('storage-failed');
    expect(toStorageError(same)).toBe(same);
  });
});
