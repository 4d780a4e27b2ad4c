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

/** One language's text of a code: `{name}` placeholders filled from the parameters, or a function of them. */
export type Text = string | ((params: never) => string);
/** The names of a text's `{name}` placeholders. */
type Holes<T> = T extends `${string}{${infer N}}${infer R}` ? N | Holes<R> : never;
/** No parameters (what a text without placeholders takes). */
type NoParams = Readonly<Record<string, never>>;
/** The parameters of a text: its function's, or one per placeholder. */
type ParamsOfText<T> = T extends (params: infer P) => string
  ? P
  : [Holes<T>] extends [never]
    ? NoParams
    : { readonly [K in Holes<T>]: string | number };
/** A code's message: one without parameters may be called without them. */
type MessageOf<P> = {
  readonly [L in Locale]: P extends NoParams ? (params?: P) => string : (params: P) => string;
};
/** One language's texts for codes with the parameters `P`. */
type Texts<P> = { readonly [C in keyof P]: string | ((params: P[C]) => string) };

/** How a server-sent parameter is checked (`readServerReason`): its kind, or the strings it may be. */
export type ParamSpec = {
  readonly optional?: true;
  readonly kind: 'string' | 'number' | readonly string[];
};
type Kind<K> = K extends 'number'
  ? number
  : K extends 'string'
    ? string
    : K extends readonly (infer V)[]
      ? V
      : never;
/** The parameters a spec declares, as a type. */
type ParamsOfSpec<S> = [keyof S] extends [never]
  ? NoParams
  : {
      readonly [K in keyof S as S[K] extends { optional: true } ? never : K]: Kind<
        S[K] extends ParamSpec ? S[K]['kind'] : never
      >;
    } & {
      readonly [K in keyof S as S[K] extends { optional: true } ? K : never]?:
        Kind<S[K] extends ParamSpec ? S[K]['kind'] : never> | undefined;
    };
export const str = { kind: 'string' } as const;
export const num = { kind: 'number' } as const;
export const optStr = { optional: true, kind: 'string' } as const;
export const optNum = { optional: true, kind: 'number' } as const;

const fill = (text: Text, params: MessageParams = {}): string =>
  typeof text === 'string'
    ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))
    : (text as MessageFn)(params);

function build(texts: Record<Locale, Readonly<Record<string, Text>>>): MessageTable {
  const table: Record<string, LocalizedMessage> = {};
  for (const code of Object.keys(texts.fi)) {
    const [fi, sv, en] = LOCALES.map((locale) => texts[locale][code]!);
    table[code] = { fi: (p) => fill(fi!, p), sv: (p) => fill(sv!, p), en: (p) => fill(en!, p) };
  }
  return table;
}

/**
 * Declares a table as one block of texts per language. A code's parameters are its Finnish text's `{name}`
 * placeholders (string or number), or that function's; the Swedish and English blocks must have every code of the
 * Finnish one, or it does not compile (a unit test checks that every language reads the same parameters).
 *
 * @example
 * export const tillMessages = defineTexts({
 *   fi: { 'till-closed': 'Kassa {till} on suljettu.' },
 *   sv: { 'till-closed': 'Kassan {till} är stängd.' },
 *   en: { 'till-closed': 'Till {till} is closed.' },
 * });
 */
export function defineTexts<const F extends Readonly<Record<string, Text>>>(texts: {
  readonly fi: F;
  readonly sv: NoInfer<Texts<{ [C in keyof F]: ParamsOfText<F[C]> }>>;
  readonly en: NoInfer<Texts<{ [C in keyof F]: ParamsOfText<F[C]> }>>;
}): { readonly [C in keyof F]: MessageOf<ParamsOfText<F[C]>> } {
  return build(texts as never) as never;
}

/**
 * `defineTexts` for codes a server may send: each code's parameters declared as kinds (`str`, `num`, …), which
 * type the texts and let `readServerReason` check a server's parameters before they fill a text.
 *
 * @example
 * const refusals = defineServerTexts({ 'till-closed': { till: num } }, { fi: { 'till-closed': 'Kassa {till} on suljettu.' }, sv: …, en: … });
 */
export function defineServerTexts<
  const S extends Readonly<Record<string, Readonly<Record<string, ParamSpec>>>>,
>(
  _params: S,
  texts: { readonly [L in Locale]: Texts<{ [C in keyof S]: ParamsOfSpec<S[C]> }> },
): { readonly [C in keyof S]: MessageOf<ParamsOfSpec<S[C]>> } {
  return build(texts as never) as never;
}

/** Renders one message in all languages. */
export function renderAll<P extends MessageParams>(message: LocalizedMessage<P>, params: P): LocalizedText {
  return { fi: message.fi(params), sv: message.sv(params), en: message.en(params) };
}
