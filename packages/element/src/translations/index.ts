import type { Translation } from './translation.js';
import { fi } from './fi.js';
import { sv } from './sv.js';
import { en } from './en.js';

export type { Translation } from './translation.js';
export type UiLocale = 'fi' | 'sv' | 'en';

export const translations: Readonly<Record<UiLocale, Translation>> = { fi, sv, en };

/** BCP 47 tags for Intl: Finnish and Swedish as used in Finland. */
export const intlTags: Readonly<Record<UiLocale, string>> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** Picks a supported locale from a `lang` value such as `sv-FI`; Finnish is the default. */
export function resolveLocale(lang: string | null | undefined): UiLocale | undefined {
  const base = (lang ?? '').toLowerCase().split('-')[0];
  return base === 'fi' || base === 'sv' || base === 'en' ? base : undefined;
}
