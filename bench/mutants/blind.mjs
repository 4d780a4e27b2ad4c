// Plausible bugs written blind (issue 60, item 3): from the product source and docs alone, without reading the model
// tests, so the mutant bench can measure how well those tests catch bugs they were not written against. Same shape as
// MUTANTS in ./mutants.mjs: each one small change, { file, search, replace } (the search occurs exactly once in the
// file as it is); `area`: where the bug lives; `bug`: what a clerk or a venue would see.
export const BLIND_MUTANTS = [
  // register mode: the device's own record of usages
  {
    id: 'register-export-not-marked',
    area: 'register',
    by: 'blind',
    file: 'packages/core/src/register/create-register.ts',
    search: '(r) => (isOpen(r) ? { ...r, exportedAt: now, exportedTo: file.fileName } : undefined),',
    replace: '(r) => (isOpen(r) ? { ...r, exportedTo: file.fileName } : undefined),',
    bug: 'after "download a file for Kaikukanta" the usages still count as waiting: the next download repeats them, and a usage already in a file can still be undone',
  },
  {
    id: 'register-two-tabs-record-twice',
    area: 'register',
    by: 'blind',
    file: 'packages/core/src/register/create-register.ts',
    search:
      "const modes = !once ? [] : usage.mode === 'collection' ? ['collection'] : ['booking', 'collection'];",
    replace:
      "const modes = once ? [] : usage.mode === 'collection' ? ['collection'] : ['booking', 'collection'];",
    bug: 'two tabs of one terminal both record the same card for one show: the second clerk sees "recorded on this terminal" instead of "already used", and the file has the card twice',
  },
  // undo
  {
    id: 'register-undo-keeps-usage',
    area: 'undo',
    by: 'blind',
    file: 'packages/core/src/register/create-register.ts',
    search: "return outcome === 'removed' ? null : undefined;",
    replace: "return outcome === 'removed' ? undefined : null;",
    bug: 'in register mode an undo says "undone" but the usage stays in the shift list, the cap count and the export file; an undo refused (already in a file, window closed) deletes the usage instead',
  },
  {
    id: 'undo-memory-forgets-wrong-key',
    area: 'undo',
    by: 'blind',
    file: 'packages/element/src/flow/undo.ts',
    search: 's.memory.voided(handle);',
    replace: 's.memory.voided(cardId);',
    bug: 'after undoing a usage, reading the same card again for the show is refused as "already used": the clerk cannot register it anew (e.g. with the right number of children)',
  },
  // outbox and sync
  {
    id: 'outbox-purge-drops-fresh-records',
    area: 'outbox',
    by: 'blind',
    file: 'packages/core/src/outbox/create-outbox.ts',
    search: 'const old = settled.filter((r) => (r.settledAt ?? 0) <= cutoff &&',
    replace: 'const old = settled.filter((r) => (r.settledAt ?? 0) >= cutoff &&',
    bug: 'the purge at the end of each sync deletes the usages just registered instead of old ones: undo of a registered usage fails with "record not found", and old records are kept for ever',
  },
  {
    id: 'sync-queued-result-never-followed',
    area: 'sync',
    by: 'blind',
    file: 'packages/element/src/flow/sync.ts',
    search: 'if (state.pendingIds.includes(p.recordId)) return {};',
    replace: 'if (!state.pendingIds.includes(p.recordId)) return {};',
    bug: 'a usage queued offline stays "queued" on the result screen after it was sent (or refused) once back online, and may read "registered" while it still waits',
  },
  // the clerk's flow in the element: groups, children, bookings
  {
    id: 'flow-under16-only-group-dropped',
    area: 'flow',
    by: 'blind',
    file: 'packages/element/src/services/usage-mapping.ts',
    search: 'community || request.groupCardIds.length > 0 || request.under16 > 0',
    replace: 'community || request.groupCardIds.length > 0',
    bug: 'a community card with only under-16 clients (no member cards) is decided with its group but registered without it: Kaikukanta refuses it (community card without a group), or the register counts and exports one ticket',
  },
  {
    id: 'flow-group-member-added-twice',
    area: 'flow',
    by: 'blind',
    file: 'packages/element/src/flow/card-actions.ts',
    search: 'if (cardId === card.id || request.groupCardIds.includes(cardId)) {',
    replace: 'if (cardId === card.id || request.groupCardIds.includes(card.id)) {',
    bug: 'a group member\'s card read twice is added to the group twice (no "already in the group"): the list shows it twice and the registration is refused',
  },
  // the seal on stored records
  {
    id: 'seal-key-not-stored',
    area: 'seal',
    by: 'blind',
    file: 'packages/core/src/outbox/record-store.ts',
    search: '    s.put(known, SEAL_KEY);\n',
    replace: '',
    bug: 'the seal key lives only in the page: after a reload every kept usage reads as tampered (register mode: "needs attention", never exported or undone; outbox: queued usages never sent)',
  },
  // already used
  {
    id: 'already-used-collection-of-booking-refused',
    area: 'rules',
    by: 'blind',
    file: 'packages/core/src/rules/already-used.ts',
    search: "if (mode === 'collection' && earlier.every((u) => u.mode === 'booking')) return [];",
    replace: "if (mode === 'booking' && earlier.every((u) => u.mode === 'booking')) return [];",
    bug: 'collecting the tickets of a card booked earlier is refused as "already used", while a second booking of the same card for the show passes',
  },
];
