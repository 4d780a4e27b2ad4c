/** Placeholder: replaced by the rules-core work. */
export function parseCardId(raw: string): { ok: boolean } {
  return { ok: raw.length > 0 };
}
