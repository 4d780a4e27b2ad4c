import {
  apiMessages,
  cardIdMessages,
  outboxMessages,
  rulesMessages,
  wedgeMessages,
} from '@kaiku-scanner/core';
import type { Locale } from '@kaiku-scanner/core';

type Params = Readonly<Record<string, unknown>>;
type Text = { readonly [L in Locale]: (params: Params) => string };

/**
 * The core's texts for every code the element can meet before the camera opens (card IDs, rules, API, outbox,
 * wedge). Picked table by table instead of the core's whole registry, so the element's initial bundle carries no
 * texts of areas it never shows (sales-report import) or that come with their own chunk: camera errors are
 * `CameraError`s, which carry their texts (`to-service-error.ts` uses them).
 */
const tables: ReadonlyArray<Readonly<Record<string, unknown>>> = [
  cardIdMessages,
  rulesMessages,
  apiMessages,
  outboxMessages,
  wedgeMessages,
];

const textOf = (code: string): Text | undefined => {
  for (const table of tables)
    if (Object.prototype.hasOwnProperty.call(table, code)) return table[code] as Text;
  return undefined;
};

/** True when the core has a text for `code`. */
export function isCoreMessageCode(code: string): boolean {
  return textOf(code) !== undefined;
}

/** The core's text for `code` in `locale` (Finnish for an unknown locale); undefined for an unknown code. */
export function formatCoreMessage(code: string, params: Params, locale: string): string | undefined {
  const text = textOf(code);
  if (!text) return undefined;
  const l: Locale = locale === 'sv' || locale === 'en' ? locale : 'fi';
  return text[l](params);
}
