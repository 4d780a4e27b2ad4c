import type { Translation } from './translation.js';
import { fi } from './fi.js';

export type { Translation } from './translation.js';
export type UiLocale = 'fi' | 'sv' | 'en';

/**
 * The UI strings by locale. Finnish (the default) is in the first download; Swedish and English load with `import()`
 * the first time they are asked for, so a clerk downloads only the language on screen.
 */
const loaded: Partial<Record<UiLocale, Translation>> = { fi };
const loaders: Readonly<Record<Exclude<UiLocale, 'fi'>, () => Promise<Translation>>> = {
  sv: () => import('./sv.js').then((m) => m.sv),
  en: () => import('./en.js').then((m) => m.en),
};
const pending = new Map<UiLocale, Promise<boolean>>();

/** The strings of `locale` once loaded; Finnish until then (and if loading fails). */
export function translationFor(locale: UiLocale): Translation {
  return loaded[locale] ?? fi;
}

/**
 * Undefined when `locale`'s strings are ready, else a promise of whether they loaded (never rejects: a failed load
 * leaves Finnish on screen, and the next call tries again).
 */
export function whenTranslationReady(locale: UiLocale): Promise<boolean> | undefined {
  if (loaded[locale] || locale === 'fi') return undefined;
  let p = pending.get(locale);
  if (!p) {
    p = loaders[locale]().then(
      (t) => {
        loaded[locale] = t;
        return true;
      },
      () => {
        pending.delete(locale);
        return false;
      },
    );
    pending.set(locale, p);
  }
  return p;
}

/** BCP 47 tags for Intl: Finnish and Swedish as used in Finland. */
export const intlTags: Readonly<Record<UiLocale, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Picks a supported locale from a `lang` value such as `sv-FI`; Finnish is the default. */
export function resolveLocale(lang: string | null | undefined): UiLocale | undefined {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return base === 'fi' || base === 'sv' || base === 'en' ? base : undefined;
}
