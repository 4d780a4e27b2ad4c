/**
 * A shared register as a vendor's backend would supply it (docs/register.md), in memory: the whole interface is
 * four methods, and `update` is atomic because nothing else runs between its read and its write (a backend runs it in a
 * transaction, or as a conditional write). `null` from `change` deletes: undo's check-and-remove in one step.
 */
import type { RegisterRecord, RegisterStore } from './register-store.js';

export function memoryRegisterStore(): RegisterStore & { readonly records: Map<string, RegisterRecord> } {
  const records = new Map<string, RegisterRecord>();
  return {
    records,
    async put(record) {
      records.set(record.id, structuredClone(record));
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
