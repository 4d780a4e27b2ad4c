/**
 * Message tables: every stable code has a text in Finnish, Swedish and English.
 *
 * Each area (card IDs, rules, API, outbox, input, reports) keeps its own table in this folder
 * (`card-id.ts`, `rules.ts`, `api.ts`, …); `index.ts` merges them into one registry, so the
 * union of codes is the union of the tables' keys and a missing translation does not compile.
 */

export const LOCALES = ['fi', 'sv', 'en'] as const;
/** A language of the SDK's texts: `'fi'`, `'sv'` or `'en'`. */
export type Locale = (typeof LOCALES)[number];

/** Parameters a message may interpolate: plain data only, never anything about a person. */
export type MessageParams = Readonly<
  Record<string, string | number | boolean | readonly string[] | undefined>
>;

/** One language's text of a code, as a function of the code's parameters. */
export type MessageFn<P extends MessageParams = MessageParams> = (params: P) => string;

/** One code's text in every supported language. */
export type LocalizedMessage<P extends MessageParams = MessageParams> = {
  readonly [L in Locale]: MessageFn<P>;
};

export type MessageTable = Readonly<Record<string, LocalizedMessage<never>>>;

/** A message already rendered in every language (what `{ ok: false, error }` results carry). */
export type LocalizedText = { readonly [L in Locale]: string };

/**
 * Declares a table and keeps its literal keys and parameter types.
 *
 * @example
 * export const cardIdMessages = defineMessages({
 *   empty: { fi: () => 'Kortin tunnus puuttuu.', sv: () => 'Kortnumret saknas.', en: () => 'The card ID is missing.' },
 * });
 */
export function defineMessages<const T extends Record<string, LocalizedMessage<never>>>(table: T): T {
  return table;
}

/** Renders one message in all languages. */
export function renderAll<P extends MessageParams>(message: LocalizedMessage<P>, params: P): LocalizedText {
  return { fi: message.fi(params), sv: message.sv(params), en: message.en(params) };
}
