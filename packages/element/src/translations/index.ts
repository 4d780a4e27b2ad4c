import { fi } from './fi.js';
import { lazyModule, type LazyModule } from '../lazy-module.js';

/** The element's own UI strings: every language file is typed `Translation`, so a missing key fails to compile. */
export type Translation = { readonly [K in keyof typeof fi]: (typeof fi)[K] };
/** The languages the element speaks. */
export type UiLocale = 'fi' | 'sv' | 'en';

/** Swedish and English load on first use: a clerk downloads only the language on screen. */
const later: Readonly<Record<Exclude<UiLocale, 'fi'>, LazyModule<Translation>>> = {
  sv: lazyModule(
    () => import('./sv.js'),
    (m) => m.sv,
  ),
  en: lazyModule(
    () => import('./en.js'),
    (m) => m.en,
  ),
};

/** The strings of `locale` once loaded; Finnish until then (and if loading fails). */
export function translationFor(locale: UiLocale): Translation {
  return (locale === 'fi' ? undefined : later[locale].get()) ?? fi;
}

/** Undefined when `locale`'s strings are ready, else a promise of whether they loaded (never rejects). */
export function whenTranslationReady(locale: UiLocale): Promise<boolean> | undefined {
  if (locale === 'fi' || later[locale].get()) return undefined;
  return later[locale].load().then(
    () => true,
    () => false,
  );
}

/** BCP 47 tags for Intl: Finnish and Swedish as used in Finland. */
export const intlTags: Readonly<Record<UiLocale, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Picks a supported locale from a `lang` value such as `sv-FI`; Finnish is the default. */
export function resolveLocale(lang: string | null | undefined): UiLocale | undefined {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return base === 'fi' || base === 'sv' || base === 'en' ? base : undefined;
}
