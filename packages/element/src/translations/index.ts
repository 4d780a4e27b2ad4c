import { fi, fiCodes } from './fi.js';
import { lazyModule, type LazyModule } from '../lazy-module.js';
import type { ViewContext } from '../views/view-context.js';

/** The element's own UI strings: every language file is typed `Translation`, so a missing key fails to compile. */
export type Translation = { readonly [K in keyof typeof fi]: (typeof fi)[K] };
/** The texts of the codes the first paint shows, in one language (`fiCodes`): a `{name}` is a parameter. */
export type CodeTexts = { readonly [C in keyof typeof fiCodes]: string };
/** The languages the element speaks. */
export type UiLocale = 'fi' | 'sv' | 'en';

/** Swedish and English load on first use: a clerk downloads only the language on screen. */
type Language = { readonly t: Translation; readonly codes: CodeTexts };
const later: Readonly<Record<Exclude<UiLocale, 'fi'>, LazyModule<Language>>> = {
  sv: lazyModule(
    () => import('./sv.js'),
    (m) => ({ t: m.sv, codes: m.svCodes }),
  ),
  en: lazyModule(
    () => import('./en.js'),
    (m) => ({ t: m.en, codes: m.enCodes }),
  ),
};

/** registry="venue": the venue register's words over Kaikukanta's (venue-texts.ts), loaded only with it. */
const venueTexts = lazyModule(() => import('./venue-texts.js'));

/** `v` in the venue register's words when `venue` (once they are loaded), else as it is. */
export function venueWording(v: ViewContext, locale: UiLocale, venue: boolean): ViewContext {
  return (venue && venueTexts.get()?.venueView(v, locale)) || v;
}

/** The strings of `locale` once loaded; Finnish until then (and if loading fails). */
export function translationFor(locale: UiLocale): Translation {
  return (locale === 'fi' ? undefined : later[locale].get()?.t) ?? fi;
}

/** The texts of the first paint's codes in `locale` once loaded; Finnish until then (and if loading fails). */
export function codesFor(locale: UiLocale): CodeTexts {
  return (locale === 'fi' ? undefined : later[locale].get()?.codes) ?? fiCodes;
}

/** Undefined when `locale`'s strings (and the venue's, if `venue`) are ready, else whether they loaded (never rejects). */
export function whenTranslationReady(locale: UiLocale, venue = false): Promise<boolean> | undefined {
  const wanted = [locale === 'fi' ? undefined : later[locale], venue ? venueTexts : undefined];
  const loads = wanted.filter((m) => m && !m.get()).map((m) => m!.load());
  if (loads.length === 0) return undefined;
  return Promise.all(loads).then(
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
