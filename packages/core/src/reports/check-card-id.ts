/**
 * The rules core's card-ID parser, seen through the shape the import needs: a normalised ID, or the
 * parser's own stable code and fi/sv/en message (so an import shows the same text as a scanner).
 */
import { parseCardId } from '../card-id/parse-card-id.js';
import type { LocalizedText } from '../messages/define.js';

export type CardIdCheck =
  | { readonly ok: true; readonly id: string }
  | {
      readonly ok: false;
      readonly code: string;
      readonly params: Readonly<Record<string, string | number>>;
      readonly message: LocalizedText;
    };

function plainParams(params: Readonly<Record<string, unknown>> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') out[key] = value;
    else if (typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}

/**
 * @example
 * checkCardId(' a045198723 '); // { ok: true, id: 'A045198723' }
 * checkCardId('A045 198 723'); // { ok: true, id: 'A045198723' }
 */
export function checkCardId(raw: string): CardIdCheck {
  // Typed by hand in a report: "A045 198 723" or "A045-198-723" (digits grouped for reading): the parser reads
  // what is unambiguous and gives its reason for the rest.
  const result = parseCardId(raw);
  if (result.ok) return { ok: true, id: result.id };
  return {
    ok: false,
    code: result.error.code,
    params: plainParams(result.error.params as Readonly<Record<string, unknown>>),
    message: result.error.message,
  };
}
