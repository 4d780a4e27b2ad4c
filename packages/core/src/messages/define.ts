/** Message tables, one per area (merged in `index.ts`): a missing fi/sv/en translation does not compile. */
import type { MessageCode, ParamsOf as CodeParams, RenderedReason } from './index.js';

/** The languages of the SDK's texts, Finnish (the default) first. */
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

/** One language's text of a code: `{name}` placeholders filled from the parameters, or a function of them. */
type Text = string | ((params: never) => string);
/** How a server-sent parameter is checked (`readServerReason`): its kind, or the strings it may be. */
export type ParamSpec = { readonly optional?: true; readonly kind: 'string' | 'number' | readonly string[] };
/** Declared parameters by code (`defineServerTexts`). */
type Specs = Readonly<Record<string, Readonly<Record<string, ParamSpec>>>>;
/** No declared parameters (`defineTexts`: a code's parameters are its Finnish text's). */
type NoSpecs = Record<never, never>;

/** No parameters (what a text without placeholders takes). */
type NoParams = Readonly<Record<string, never>>;
/** The names of a text's `{name}` placeholders. */
type Holes<T> = T extends `${string}{${infer N}}${infer R}` ? N | Holes<R> : never;
/** The type of a parameter of a declared kind. */
type Kind<P> = P extends { kind: readonly (infer V)[] } ? V : P extends { kind: 'number' } ? number : string;
/** The parameters a spec declares, the optional ones optional (one object type: what an API report shows). */
type ParamsOfSpec<S> = [keyof S] extends [never]
  ? NoParams
  : Flat<
      { readonly [K in keyof S as S[K] extends { optional: true } ? never : K]: Kind<S[K]> } & {
        readonly [K in keyof S as S[K] extends { optional: true } ? K : never]?: Kind<S[K]> | undefined;
      }
    >;
/** An intersection as one object type. */
type Flat<T> = { [K in keyof T]: T[K] };
/** A code's parameters: as declared, else its Finnish text's (a function's, or one string or number per placeholder). */
type ParamsOf<F, S, C> = C extends keyof S
  ? ParamsOfSpec<S[C]>
  : C extends keyof F
    ? F[C] extends (params: infer P) => string
      ? P
      : [Holes<F[C]>] extends [never]
        ? NoParams
        : { readonly [K in Holes<F[C]>]: string | number }
    : never;
/** One language's texts, a function given its code's parameters. */
type Texts<F, S> = { readonly [C in keyof F]: string | ((params: ParamsOf<F, S, C>) => string) };

/** `text` with each `{name}` replaced by `params[name]` (the texts' one placeholder syntax). */
export const fillText = (text: string, params: MessageParams = {}): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));

const fill = (text: Text, params: MessageParams = {}): string =>
  typeof text === 'string' ? fillText(text, params) : (text as MessageFn)(params);

/** The table `texts` makes. */
type Table<F, S> = {
  readonly [C in keyof F]: {
    readonly [L in Locale]: ParamsOf<F, S, C> extends NoParams
      ? (params?: ParamsOf<F, S, C>) => string
      : (params: ParamsOf<F, S, C>) => string;
  };
};

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
  readonly sv: NoInfer<Texts<F, NoSpecs>>;
  readonly en: NoInfer<Texts<F, NoSpecs>>;
}): Table<F, NoSpecs> {
  return build(texts as never) as never;
}

/** `defineTexts` for codes a server may send, parameters declared as kinds (`readServerReason` checks them). */
export function defineServerTexts<
  const S extends Specs,
  const F extends { readonly [C in keyof F]: string | ((params: ParamsOf<F, S, C>) => string) },
>(_params: S, texts: { readonly fi: F } & { readonly [L in 'sv' | 'en']: Texts<F, S> }): Table<F, S> {
  return build(texts as never) as never;
}

/** A `createReason` for the codes of `table` alone: its user's bundle gets that table, not every area's texts. */
export function reasonFactory<T extends MessageTable>(
  table: T,
): <C extends keyof T & MessageCode>(code: C, params: CodeParams<C>) => RenderedReason<C> {
  return (code, params) => {
    const message = renderAll(table[code] as LocalizedMessage, params as MessageParams);
    return { code, params, message } as unknown as RenderedReason<typeof code>;
  };
}

/**
 * Renders one message of a table in all languages.
 *
 * @example
 * renderAll(rulesMessages['cap-reached'], { cap: 6, given: 6, requested: 1, remaining: 0 }).sv;
 */
export function renderAll<P extends MessageParams>(message: LocalizedMessage<P>, params: P): LocalizedText {
  return { fi: message.fi(params), sv: message.sv(params), en: message.en(params) };
}
