/** Test support: a stand-in card-ID parser with the documented format, so classifier tests do not depend on the rules area. */
import type { CardIdParseResult } from './types.js';

/** The documented Kaikukanta format (DOMAIN.md): prefix A, AM, Y, YM, X or Z, ten characters, digits after it. */
export function kaikuParse(raw: string): CardIdParseResult {
  const m = /^(AM|YM|A|Y|X|Z)\d+$/.exec(raw);
  if (m === null || raw.length !== 10) {
    return {
      ok: false,
      error: { code: 'bad-prefix', params: {}, message: { fi: 'virhe', sv: 'fel', en: 'error' } },
    };
  }
  const prefix = m[1] ?? '';
  return { ok: true, id: raw, prefix, kind: /^[AX]/.test(prefix) ? 'client' : 'community', medium: 'paper' };
}
