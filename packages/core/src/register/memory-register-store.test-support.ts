/**
 * A shared register as a vendor's backend would supply it (docs/register.md), in memory: the whole interface is
 * four methods, and `put` and `update` are atomic because nothing else runs between its read and its write (a backend runs it in a
 * transaction, or as a conditional write). `null` from `change` deletes: undo's check-and-remove in one step.
 */
import { isUsedBy, type RegisterRecord, type RegisterStore } from './register-store.js';

export function memoryRegisterStore(): RegisterStore & { readonly records: Map<string, RegisterRecord> } {
  const records = new Map<string, RegisterRecord>();
  return {
    records,
    async put(record, { unlessUsed: used } = {}) {
      const prior = used && [...records.values()].find((r) => isUsedBy(r, used));
      if (prior) return structuredClone(prior);
      records.set(record.id, structuredClone(record));
      return undefined;
    },
    async list() {
      return [...records.values()].sort((a, b) => a.createdAt - b.createdAt).map((r) => structuredClone(r));
    },
    async update(ids, change) {
      const changed: RegisterRecord[] = [];
      for (const id of ids) {
        const current = records.get(id);
        const next = current && change(structuredClone(current));
        if (next === null) records.delete(id);
        if (!next) continue;
        records.set(id, next);
        changed.push(structuredClone(next));
      }
      return changed;
    },
    async remove(ids) {
      for (const id of ids) records.delete(id);
    },
  };
}
